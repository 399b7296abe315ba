// C modules open on the main thread, as they do in lua5.4. require() runs in
// a task, a coroutine; a C module's luaopen_* may keep the lua_State it is
// given (luv and luaposix do) and call Lua on it later, from its callbacks,
// long after that task ended and its coroutine was freed. So the loaders
// that package.searchers' C searchers find are wrapped: the wrapper calls
// the real loader on the main thread, which lives as long as the process.
#include "lua/state.hpp"

namespace luasync {

namespace {

// A C loader found by a C searcher, called on the main thread: upvalue 1 is
// the real loader. The main thread is not running Lua code then (it is
// inside the driver's resume of this task's coroutine), so a call on it
// starts above its active frame and returns before anything else runs it.
int l_load_on_main(lua_State* L) {
  const int nargs = lua_gettop(L);
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD);
  lua_State* main = lua_tothread(L, -1);
  lua_pop(L, 1);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  if (main == L || main == nullptr) {
    lua_call(L, nargs, LUA_MULTRET);
    return lua_gettop(L);
  }
  const int base = lua_gettop(main);
  if (!lua_checkstack(main, nargs + 1 + LUA_MINSTACK)) return luaL_error(L, "stack overflow loading a C module");
  lua_xmove(L, main, nargs + 1);
  const int status = lua_pcall(main, nargs, LUA_MULTRET, 0);
  const int nres = lua_gettop(main) - base;
  if (!lua_checkstack(L, nres)) {
    lua_settop(main, base);
    return luaL_error(L, "too many results loading a C module");
  }
  lua_xmove(main, L, nres);
  if (status != LUA_OK) return lua_error(L);
  return nres;
}

// A C searcher of package.searchers (upvalue 1): its loader, if it finds
// one, is wrapped in l_load_on_main.
int l_searcher(lua_State* L) {
  lua_settop(L, 1);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, 1, 2);
  if (lua_iscfunction(L, -2)) {
    lua_pushvalue(L, -2);
    lua_pushcclosure(L, l_load_on_main, 1);
    lua_replace(L, -3);
  }
  return 2;
}

}  // namespace

void open_c_modules(lua_State* L) {
  lua_getglobal(L, "package");
  lua_getfield(L, -1, "searchers");
  // 3: the C searcher (package.cpath), 4: the all-in-one one ("a.b" in a.so).
  for (lua_Integer i = 3; i <= 4; ++i) {
    if (lua_rawgeti(L, -1, i) == LUA_TFUNCTION) {
      lua_pushcclosure(L, l_searcher, 1);
      lua_rawseti(L, -2, i);
    } else {
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 2);
}

}  // namespace luasync
