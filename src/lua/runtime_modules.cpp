#include "lua/runtime_modules.hpp"

#include <cstring>

#include "lua/embedded.hpp"
#include "lua/frames.hpp"
#include "lua/std_c.hpp"

namespace luasync {

namespace {

// The index of the embedded source of module `name` ("luasync.<name>"), or
// -1. A binary search: the table is sorted by name (a scan of its ~70
// names was ~300 strcmp calls at every start).
int embedded_index(const char* name) {
  if (std::strncmp(name, "luasync.", 8) != 0) return -1;
  std::size_t lo = 0, hi = embedded_source_count;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    const int order = std::strcmp(embedded_sources[mid].name, name + 8);
    if (order == 0) return static_cast<int>(mid);
    if (order < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return -1;
}

// The runtime's require(name). Upvalues: 1 the runtime's modules, 2 their C
// loaders, 3 the runtime's environment (the _ENV of its Lua code), 4 require
// as the state started with it, for a module that is not the runtime's, 5
// package.loaded (the registry's table, which a script cannot replace).
// A module loads once: its value (true for nil, as require has it) goes to
// the modules and to package.loaded.
int l_runtime_require(lua_State* L) {
  const char* name = luaL_checkstring(L, 1);
  lua_settop(L, 1);
  if (lua_getfield(L, lua_upvalueindex(1), name) != LUA_TNIL) return 1;
  lua_pop(L, 1);
  if (lua_getfield(L, lua_upvalueindex(2), name) == LUA_TNIL) {
    lua_pop(L, 1);
    const int i = embedded_index(name);
    if (i < 0) {
      lua_pushvalue(L, lua_upvalueindex(4));
      lua_insert(L, 1);
      lua_call(L, 1, 1);
      return 1;
    }
    const EmbeddedSource& src = embedded_sources[i];
    if (luaL_loadbuffer(L, src.data, src.size, src.chunkname) != LUA_OK) return lua_error(L);
    lua_pushvalue(L, lua_upvalueindex(3));
    lua_setupvalue(L, -2, 1);  // its _ENV
  }
  lua_pushvalue(L, 1);
  lua_call(L, 1, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
  }
  lua_pushvalue(L, -1);
  lua_setfield(L, lua_upvalueindex(1), name);
  lua_pushvalue(L, -1);
  lua_setfield(L, lua_upvalueindex(5), name);
  return 1;
}

// __index of package.preload (key at 2): for one of the runtime's modules,
// the runtime's require as its loader, which gives a script's require the
// runtime's own copy (also of "asyncio" and "time"); nothing for any other
// key. Upvalue 1: the runtime's require. (Filling package.preload with a
// loader per module, their names and closures, was 2% of a start: W6.)
int l_find_runtime_module(lua_State* L) {
  if (lua_type(L, 2) != LUA_TSTRING) return 0;
  const char* name = lua_tostring(L, 2);
  const bool public_name = std::strcmp(name, "asyncio") == 0 || std::strcmp(name, "time") == 0;
  if (!public_name && std::strncmp(name, "luasync.", 8) != 0) return 0;
  push_runtime_modules(L);
  const bool loaded = lua_getfield(L, -1, name) != LUA_TNIL;
  if (!loaded && embedded_index(name) < 0) {
    lua_getfield(L, LUA_REGISTRYINDEX, kRegModuleLoaders);
    if (!lua_istable(L, -1) || lua_getfield(L, -1, name) == LUA_TNIL) return 0;
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  return 1;
}

// [-0, +1] A copy of the table at t, made at its final size: its entries are
// gathered on the stack first, the table made for their number, then they
// are set. (Grown one key at a time, a table is rehashed at every power of
// two; counting the entries first was a second traversal.) With
// copy_tables, a value that is a table other than the one at t is copied
// too, one level down (without).
void push_table_copy(lua_State* L, int t, bool copy_tables) {
  t = lua_absindex(L, t);
  const int base = lua_gettop(L);
  int n = 0;
  lua_pushnil(L);
  while (lua_next(L, t)) {
    // Each entry leaves its pair on the stack and pushes its key again:
    // room is asked for kRoomEntries entries at a time (one call a time
    // was 6,000 instructions of a start).
    constexpr int kRoomEntries = 16;
    if (n % kRoomEntries == 0) luaL_checkstack(L, 2 * kRoomEntries + 1, "the runtime's environment");
    if (copy_tables && lua_type(L, -1) == LUA_TTABLE && !lua_rawequal(L, -1, t)) {
      push_table_copy(L, -1, false);
      lua_replace(L, -2);
    }
    lua_pushvalue(L, -2);  // the key again, for lua_next; the pair stays below it
    ++n;
  }
  lua_createtable(L, 0, n);
  lua_rotate(L, base + 1, 1);
  for (int i = 0; i < n; ++i) lua_rawset(L, base + 1);
}

// [-0, +1] The environment of the runtime's own Lua code: a copy of the
// standard globals as they are when the state starts (and of the library
// tables: string, table...), so a script that changes or clears a global
// (`select = nil`, all of _G) cannot break the runtime, however late a part
// of it loads. _G in it is the real global table, for what the runtime
// means to give the user (asyncio, _ at the prompt). Its require is set
// by preload_embedded.
void push_runtime_env(lua_State* L) {
  lua_pushglobaltable(L);
  push_table_copy(L, -1, true);
  lua_rotate(L, -2, 1);
  lua_setfield(L, -2, "_G");
}

// The standard libraries that the runtime's modules hold as luaL_openlibs
// opened them (asyncio/debug.lua wraps io's functions in debug mode).
constexpr const char* kStandardLibraries[] = {"_G", "package", "coroutine", "table", "io",
                                              "os", "string",  "math",      "utf8",  "debug"};

}  // namespace

void push_runtime_modules(lua_State* L) {
  if (lua_getfield(L, LUA_REGISTRYINDEX, kRegModules) == LUA_TTABLE) return;
  lua_pop(L, 1);
  // Made at its final size, as the runtime's environment is: the standard
  // libraries, the ~20 modules of a start and those loaded later (grown
  // one key at a time, a table is rehashed at every power of two: W6).
  lua_createtable(L, 0, 64);
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, kRegModules);
}

void set_runtime_module(lua_State* L, const char* name) {
  push_runtime_modules(L);
  lua_pushvalue(L, -2);
  lua_setfield(L, -2, name);
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_pushvalue(L, -3);
  lua_setfield(L, -2, name);
  lua_pop(L, 3);
}

void preload_runtime_module(lua_State* L, const char* name, lua_CFunction open) {
  luaL_getsubtable(L, LUA_REGISTRYINDEX, kRegModuleLoaders);
  lua_pushcfunction(L, open);
  lua_setfield(L, -2, name);
  lua_pop(L, 1);
}

void require_runtime_module(lua_State* L, const char* name) {
  lua_getfield(L, LUA_REGISTRYINDEX, kRegRequire);
  lua_pushstring(L, name);
  lua_call(L, 1, 1);
}

void preload_embedded(lua_State* L) {
  preload_runtime_module(L, "luasync.frames", luaopen_frames);  // report.lua's C half
  preload_runtime_module(L, "luasync.std_c", luaopen_std_c);    // std.lua's
  push_runtime_modules(L);
  const int modules = lua_gettop(L);
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  for (const char* lib : kStandardLibraries) {
    if (lua_getfield(L, -1, lib) != LUA_TNIL && lua_getfield(L, modules, lib) == LUA_TNIL) {
      lua_pop(L, 1);
      lua_setfield(L, modules, lib);
    } else {
      lua_pop(L, lua_isnil(L, -1) ? 1 : 2);
    }
  }
  lua_pop(L, 1);
  push_runtime_env(L);
  const int env = lua_gettop(L);
  // The runtime's require, its upvalues in l_runtime_require's order.
  lua_pushvalue(L, modules);
  luaL_getsubtable(L, LUA_REGISTRYINDEX, kRegModuleLoaders);
  lua_pushvalue(L, env);
  lua_getglobal(L, "require");
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_pushcclosure(L, l_runtime_require, 5);
  lua_pushvalue(L, -1);
  lua_setfield(L, env, "require");
  lua_setfield(L, LUA_REGISTRYINDEX, kRegRequire);
  // package.preload answers the runtime's modules.
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  const int preload = lua_gettop(L);
  if (lua_getmetatable(L, preload)) {
    // A package.preload with a metatable of its own (stock Lua's, when
    // something set one before `require "asyncio"`): every loader in it.
    lua_pop(L, 1);
    for (int i = 0; embedded_sources[i].name; ++i) {
      lua_getfield(L, LUA_REGISTRYINDEX, kRegRequire);
      lua_setfield(L, preload, embedded_sources[i].module);
    }
  } else {
    lua_createtable(L, 0, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, kRegRequire);
    lua_pushcclosure(L, l_find_runtime_module, 1);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, preload);
  }
  lua_settop(L, modules - 1);
}

}  // namespace luasync
