#pragma once

struct lua_State;

namespace luasync {

// The loader of the module luasync.std_c (lua/std_c.cpp): what std.lua
// needs from C. preload_embedded preloads it with the embedded modules.
int luaopen_std_c(lua_State* L);

}  // namespace luasync
