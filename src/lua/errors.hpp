// The C++ side of errors.lua: the two ways a binding raises.
#pragma once

#include <lua.hpp>

namespace luasync {

// Raises Lua's "bad argument #arg to 'fname' (expected expected, got T)",
// with the caller's position, as errors.bad_argument does on the Lua side
// and luaL_check* do (but always naming fname, however it was called).
int bad_argument(lua_State* L, int arg, const char* fname, const char* expected);

// Raises errors.<cls>(message) (message may be null): asyncio's error classes
// for operational failures and misuse (QueueFull, ValueError...).
int raise_error(lua_State* L, const char* cls, const char* message = nullptr);

}  // namespace luasync
