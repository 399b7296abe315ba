#include "lua/errors.hpp"

#include <cstring>

namespace luasync {

int bad_argument(lua_State* L, int arg, const char* fname, const char* expected) {
  const char* got = lua_isnone(L, arg) ? "no value" : luaL_typename(L, arg);
  // The caller's position, unless the caller is the runtime's own code (a
  // task body calling the function): errors name the user's lines only.
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "S", &ar) && std::strncmp(ar.source, "=luasync:", 9) == 0) {
    lua_pushfstring(L, "bad argument #%d to '%s' (%s expected, got %s)", arg, fname, expected, got);
    return lua_error(L);
  }
  return luaL_error(L, "bad argument #%d to '%s' (%s expected, got %s)", arg, fname, expected, got);
}

int raise_error(lua_State* L, const char* cls, const char* message) {
  // The classes come from the module's own table (package.loaded), never
  // from globals a script may have changed.
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_getfield(L, -1, "luasync.errors");
  lua_getfield(L, -1, cls);
  if (message) {
    lua_pushstring(L, message);
  } else {
    lua_pushnil(L);
  }
  lua_call(L, 1, 1);
  return lua_error(L);
}

}  // namespace luasync
