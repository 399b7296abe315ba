// Live inspection of a running luasync (`--inspect`; `luasync ps|pstree
// PID`): inspect.cpp.
#pragma once

#include <lua.hpp>
#include <string>

namespace luasync::diag {

// Where the process `pid` listens when it was started with --inspect:
// $XDG_RUNTIME_DIR/luasync-PID.sock, or /tmp/luasync-UID/luasync-PID.sock.
std::string socket_path(long pid);

// [-0, +0] inspect_answer into luasync.core.
void open_inspect_module(lua_State* L);

// [loop thread] Starts listening; answers null, or why it could not.
const char* start_inspector(lua_State* L);
// [loop thread] Stops listening and removes the socket (at exit).
void stop_inspector();

}  // namespace luasync::diag
