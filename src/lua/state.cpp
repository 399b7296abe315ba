#include "lua/state.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "lua/embedded.hpp"

namespace luasync {

namespace {
// package.preload loader: upvalue 1 is the index into embedded_sources.
int l_load_embedded(lua_State* L) {
  const EmbeddedSource& src = embedded_sources[lua_tointeger(L, lua_upvalueindex(1))];
  // "=luasync:<name>" marks runtime-internal frames, which tracebacks hide.
  lua_pushfstring(L, "=luasync:%s", src.name);
  const char* chunkname = lua_tostring(L, -1);
  if (luaL_loadbuffer(L, src.data, src.size, chunkname) != LUA_OK) return lua_error(L);
  lua_pushvalue(L, 1);
  lua_call(L, 1, 1);
  return 1;
}
}  // namespace

void preload_embedded(lua_State* L) {
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  for (int i = 0; embedded_sources[i].name; ++i) {
    lua_pushinteger(L, i);
    lua_pushcclosure(L, l_load_embedded, 1);
    lua_setfield(L, -2, (std::string("luasync.") + embedded_sources[i].name).c_str());
  }
  lua_pop(L, 1);
}

LuaState::LuaState(Loop& loop, bool ignore_env) : L_(luaL_newstate()) {
  if (!L_) {
    std::fputs("luasync: not enough memory for the Lua state\n", stderr);
    std::exit(1);
  }
  if (ignore_env) {
    lua_pushboolean(L_, 1);
    lua_setfield(L_, LUA_REGISTRYINDEX, "LUA_NOENV");
  }
  luaL_openlibs(L_);
  open_print(L_);
  open_core(L_, loop);
  open_interrupt(L_);
  open_time(L_, loop);
  open_terminal(L_, loop);
  preload_embedded(L_);
  lua_getglobal(L_, "require");
  lua_pushliteral(L_, "luasync.prelude");
  if (lua_pcall(L_, 1, 0, 0) != LUA_OK) {
    std::fprintf(stderr, "luasync: internal error while starting: %s\n", lua_tostring(L_, -1));
    std::exit(1);
  }
  // The class the Ctrl-C hook raises (lua/interrupt.cpp).
  lua_getglobal(L_, "asyncio");
  lua_getfield(L_, -1, "KeyboardInterrupt");
  lua_setfield(L_, LUA_REGISTRYINDEX, "luasync.KeyboardInterrupt");
  lua_pop(L_, 1);
}

LuaState::~LuaState() { close(); }

void LuaState::close() {
  if (L_) {
    close_interrupt();
    lua_close(L_);
    L_ = nullptr;
  }
}

}  // namespace luasync
