// debug.traceback as a C function over lua/traceback.lua, as lua5.4's is one:
// a Lua function ending in `return debug.traceback()` keeps its own frame
// (a tail call to a Lua function would replace it), and traceback.lua counts
// levels from this function's frame.
#include "lua/traceback.hpp"

#include <lua.hpp>

namespace luasync {
namespace {

int l_traceback(lua_State* L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

}  // namespace

int open_traceback(lua_State* L) {
  lua_getglobal(L, "debug");
  if (lua_istable(L, -1)) {
    lua_getglobal(L, "require");
    lua_pushliteral(L, "luasync.traceback");
    lua_call(L, 1, 1);
    lua_pushcclosure(L, l_traceback, 1);
    lua_setfield(L, -2, "traceback");
  }
  lua_pop(L, 1);
  return 0;
}

}  // namespace luasync
