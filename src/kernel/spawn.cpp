// spawn(fn, arg), the way most tasks are made, in C: what task.lua's spawn
// and new_task do for a plain function (not one async() made) and one
// argument, when neither debug mode nor tracing asks more of a new task.
// Every other call goes to task.lua's spawn_more, so each of those rules has
// one implementation.
//
// Invariant: the task made here is the table new_task makes, field for
// field and in the same order (a change to new_task changes this file too):
// _fn, _seq, _co and _fut_waiter false, the argument at [1], class Task;
// live[task] its creation number; its first step scheduled (step.cpp's
// start_plain takes it).
//
// Why in C: spawn and new_task were two Lua calls, one with varargs, and
// sixty instructions of the interpreter for every task (W1, W3).
#include "kernel/kernel.hpp"
#include "lua/errors.hpp"

namespace luasync::kernel {

namespace {

// [-0, +0] K[slot] + 1, stored back: the next of a count of K.
lua_Integer next_count(lua_State* L, int slot) {
  lua_rawgeti(L, up(kState), slot);
  const lua_Integer n = lua_tointeger(L, -1) + 1;
  lua_pop(L, 1);
  lua_pushinteger(L, n);
  lua_rawseti(L, up(kState), slot);
  return n;
}

// [-0, +0] t[K[slot]] = the value at v; t and v are absolute.
void set_named(lua_State* L, int t, int slot, int v) {
  lua_rawgeti(L, up(kState), slot);
  lua_pushvalue(L, v);
  lua_rawset(L, t);
}

// spawn(fn, ...) -> task
int l_spawn(lua_State* L) {
  const int n = lua_gettop(L);
  if (lua_type(L, 1) != LUA_TFUNCTION) return bad_argument(L, 1, "spawn", "function");
  const Kernel& k = kernel(L);
  bool plain = n == 2 && !k.debug && !k.trace;
  if (plain) {
    lua_rawgeti(L, up(kState), kSlotAsyncBodies);
    lua_pushvalue(L, 1);
    plain = lua_rawget(L, -2) == LUA_TNIL;
    lua_settop(L, 2);
  }
  if (!plain) {
    push_lua_fn(L, LuaFn::SpawnMore);
    lua_insert(L, 1);
    lua_call(L, n, 1);
    return 1;
  }
  const lua_Integer created = next_count(L, kSlotTaskCount);
  lua_pushinteger(L, next_count(L, kSlotNameCount));  // 3: _seq
  lua_pushboolean(L, 0);                              // 4
  lua_createtable(L, 1, 4);                           // 5: the task
  constexpr int seq = 3, no = 4, task = 5;
  set_named(L, task, kSlotKeyFn, 1);
  set_named(L, task, kSlotKeySeq, seq);
  set(L, task, kKeyCo, no);
  set(L, task, kKeyFutWaiter, no);
  lua_pushvalue(L, 2);
  lua_rawseti(L, task, 1);
  lua_rawgeti(L, up(kState), kSlotTaskMt);
  lua_setmetatable(L, task);
  lua_rawgeti(L, up(kState), kSlotLive);
  lua_pushvalue(L, task);
  lua_pushinteger(L, created);
  lua_rawset(L, -3);
  lua_pop(L, 1);
  schedule_step(L, task);
  return 1;
}

}  // namespace

extern const luaL_Reg spawn_funcs[] = {
    {"spawn", l_spawn},
    {nullptr, nullptr},
};

}  // namespace luasync::kernel
