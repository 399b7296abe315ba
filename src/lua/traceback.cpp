// debug.traceback as a C function over lua/traceback.lua, as lua5.4's is one:
// a Lua function ending in `return debug.traceback()` keeps its own frame
// (a tail call to a Lua function would replace it), and traceback.lua counts
// levels from this function's frame.
#include "lua/traceback.hpp"

#include <lua.hpp>

#include "lua/runtime_modules.hpp"

namespace luasync {
namespace {

// Upvalue 1: luasync.traceback's function, once loaded; upvalue 2: the
// runtime's require (runtime_modules.hpp). The module loads at the first traceback
// (most programs never take one: bench W6).
int l_traceback(lua_State* L) {
  if (lua_isnil(L, lua_upvalueindex(1))) {
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushliteral(L, "luasync.traceback");
    lua_call(L, 1, 1);
    lua_copy(L, -1, lua_upvalueindex(1));
    lua_pop(L, 1);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

}  // namespace

int open_traceback(lua_State* L) {
  lua_getglobal(L, "debug");
  if (lua_istable(L, -1)) {
    lua_pushnil(L);
    lua_getfield(L, LUA_REGISTRYINDEX, kRegRequire);
    lua_pushcclosure(L, l_traceback, 2);
    lua_setfield(L, -2, "traceback");
  }
  lua_pop(L, 1);
  return 0;
}

}  // namespace luasync
