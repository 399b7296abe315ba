// The C++ side of errors.lua: the ways a binding raises.
#pragma once

#include <lua.hpp>

namespace luasync {

// Raises Lua's "bad argument #arg to 'fname' (expected expected, got T)",
// with the caller's position, as errors.bad_argument does on the Lua side
// and luaL_check* do (but always naming fname, however it was called).
int bad_argument(lua_State* L, int arg, const char* fname, const char* expected);
// Raises "bad argument #arg to 'fname' (extramsg)" with the caller's
// position, as errors.arg_error does on the Lua side.
int arg_error(lua_State* L, int arg, const char* fname, const char* extramsg);

// Raises errors.<cls>(message) (message may be null): asyncio's error classes
// for operational failures and misuse (QueueFull, ValueError...).
int raise_error(lua_State* L, const char* cls, const char* message = nullptr);

// Raises the OSError (errors.lua: the subclass Python picks for err) of a
// failed system call: errno err, its strerror text, .code the system's name
// ("EPIPE"), and filename (may be null) in the message.
int raise_os_error(lua_State* L, int err, const char* filename = nullptr);
// [-0, +1] The same error, pushed instead of raised.
void push_os_error(lua_State* L, int err, const char* filename = nullptr);

// Installs the module luasync.errno, which errors.lua needs: name(n) -> the
// system's name of errno n ("ENOENT"), or nil.
void open_errno(lua_State* L);

}  // namespace luasync
