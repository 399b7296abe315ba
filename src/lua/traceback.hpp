#pragma once

struct lua_State;

namespace luasync {

// [-0, +0] A lua_CFunction: sets debug.traceback to lua5.4's tracebacks
// without the runtime's frames (lua/traceback.lua). Needs the embedded
// modules preloaded.
int open_traceback(lua_State* L);

}  // namespace luasync
