// Coroutine objects of async functions and of the library's Lua functions
// (wait_for, Lock.acquire...): Lua tables {fn=, name=, n=, [1..n]=args,
// where= (the function it was made in), line=, started=} with task.lua's
// Coro metatable; the args stay until it starts (take_coro_args) or is
// closed unrun. They are made here, in C, so that each records where it was
// made (the never-awaited warning names it) and joins FRESH like the ops,
// whose settle notices one left unstarted when the task step that made it
// ends (ops.cpp).
#include <cstring>

#include "kernel/kernel.hpp"

namespace luasync::kernel {

namespace {

// The closure async() returns has the kernel's upvalues, then these: the
// async function, and the name it was first called by (nil until then).
enum AsyncUpvalue : int { kAsyncFn = kKernelUpvalues + 1, kAsyncName };

// [-0, +1] A new coroutine object of fn (at index `fn`) with name (at
// `name`, may be nil) and the n values from index `first` as arguments.
void push_coro(lua_State* L, int fn, int name, int first, int n) {
  lua_createtable(L, n, 6);  // fn, name, n, where, line; started when awaited
  const int c = lua_gettop(L);
  for (int i = 0; i < n; ++i) {
    lua_pushvalue(L, first + i);
    lua_rawseti(L, c, i + 1);
  }
  set(L, c, kKeyFn, fn);
  if (!lua_isnil(L, name)) set(L, c, kKeyName, name);
  lua_pushvalue(L, up(L, kKeyN));
  lua_pushinteger(L, n);
  lua_rawset(L, c);
  const int where = lua_gettop(L) + 1;
  if (const int line = push_where(L)) {
    set(L, c, kKeyWhere, where);
    lua_pushvalue(L, up(L, kKeyLine));
    lua_pushinteger(L, line);
    lua_rawset(L, c);
  }
  lua_pop(L, 1);
  if (kernel(L).debug) {
    // Debug mode: the user's frames that made it, for the never-awaited
    // warning's "Coroutine created at" (task.lua's coro_origin).
    push_lua_fn(L, LuaFn::CoroOrigin);
    lua_call(L, 0, 1);
    lua_setfield(L, c, "origin");
  }
  lua_rawgeti(L, up(L, kState), kSlotCoroMt);
  lua_setmetatable(L, c);
  fresh_add(L, c);
}

// The function async(fn) returns: fn's coroutine object, named by the name
// the function was first called by (`fetch_data` in fetch_data(1)), as
// CPython names a coroutine by its function: one name per function, also
// the name of its frames in tracebacks (report.fn_names). (Finding the name
// of a call is most of what making the object cost: found once.)
int l_async_call(lua_State* L) {
  const int n = lua_gettop(L);
  lua_pushvalue(L, up(L, kAsyncFn));
  const int fn = n + 1;
  if (lua_type(L, up(L, kAsyncName)) == LUA_TSTRING) {
    lua_pushvalue(L, up(L, kAsyncName));
  } else {
    lua_Debug ar;
    const char* name = nullptr;
    if (lua_getstack(L, 0, &ar) && lua_getinfo(L, "n", &ar)) name = ar.name;
    // Lua's words for a call with no name of the user's (t[1](), a for's
    // iterator, a metamethod): report.declared_name names it then.
    if (name && (std::strcmp(name, "integer index") == 0 || std::strcmp(ar.namewhat, "for iterator") == 0 ||
                 std::strcmp(ar.namewhat, "metamethod") == 0 || std::strcmp(name, "?") == 0))
      name = nullptr;
    if (name) {
      lua_pushstring(L, name);
      lua_copy(L, -1, up(L, kAsyncName));
      lua_rawgeti(L, up(L, kState), kSlotFnNames);
      lua_pushvalue(L, fn);
      if (lua_rawget(L, -2) == LUA_TNIL) {
        lua_pushvalue(L, fn);
        lua_pushvalue(L, fn + 1);
        lua_rawset(L, -4);
      }
      lua_pop(L, 2);
    } else {
      lua_pushnil(L);
    }
  }
  luaL_checkstack(L, n + 8, "too many arguments");
  push_coro(L, fn, fn + 1, 1, n);
  return 1;
}

// async_wrap(fn) -> the function async(fn) returns.
int l_async_wrap(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 1);
  lua_pushnil(L);  // its name, at its first call
  push_kernel_closure(L, l_async_call, 2);
  kernel(L).plain_fn = nullptr;  // spawn's cache (kernel.hpp): the new wrapper may lie where it points
  return 1;
}

// make_coro(fn, name, ...) -> a coroutine object of a library function.
// Its name also names fn's frames (report.fn_names), so tasks() can say
// what a task waits in ("Event.wait").
int l_make_coro(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  const int n = lua_gettop(L) - 2;
  if (n < 0) lua_settop(L, 2);
  luaL_checkstack(L, 8, "too many arguments");
  if (lua_type(L, 2) == LUA_TSTRING) {
    lua_rawgeti(L, up(L, kState), kSlotFnNames);
    lua_pushvalue(L, 1);
    if (lua_rawget(L, -2) == LUA_TNIL) {
      lua_pushvalue(L, 1);
      lua_pushvalue(L, 2);
      lua_rawset(L, -4);
    }
    lua_pop(L, 2);
  }
  push_coro(L, 1, 2, 3, n < 0 ? 0 : n);
  return 1;
}

}  // namespace

int push_where(lua_State* L) {
  lua_Debug ar;
  for (int level = 1; level < 16 && lua_getstack(L, level, &ar); ++level) {
    if (!lua_getinfo(L, "Slf", &ar)) break;
    if (ar.currentline < 0 || std::strncmp(ar.source, "=luasync:", 9) == 0) {
      lua_pop(L, 1);
      continue;
    }
    return ar.currentline;
  }
  lua_pushnil(L);
  return 0;
}

void take_coro_args(lua_State* L, int coro, int n) {
  for (int i = 1; i <= n; ++i) {
    if (lua_rawgeti(L, coro, i) == LUA_TNIL) continue;
    lua_pushnil(L);
    lua_rawseti(L, coro, i);
  }
}

// op_where(f, line) -> "src:line": where an op was made, from its
// creating function and line (ops.cpp keeps those, which costs less).
int l_op_where(lua_State* L) {
  lua_Debug ar;
  lua_settop(L, 2);
  lua_pushvalue(L, 1);
  if (!lua_isfunction(L, 1) || !lua_getinfo(L, ">S", &ar) || std::strncmp(ar.source, "=luasync:", 9) == 0) return 0;
  lua_pushfstring(L, "%s:%d", ar.short_src, static_cast<int>(luaL_checkinteger(L, 2)));
  return 1;
}

extern const luaL_Reg coro_funcs[] = {
    {"make_coro", l_make_coro},
    {nullptr, nullptr},
};

// K alone: these read no kernel upvalue but K (kernel.hpp's kOnlyState).
extern const luaL_Reg coro_k_funcs[] = {
    {"op_where", l_op_where},
    {"async_wrap", l_async_wrap},
    {nullptr, nullptr},
};

}  // namespace luasync::kernel
