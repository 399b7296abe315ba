// The two ways most tasks are made, in C: spawn(fn, arg) of a plain function
// (not one async() made), and asyncio.create_task(coro) of an unstarted
// coroutine object without options, when neither debug mode nor tracing
// asks more of a new task: what task.lua's spawn, create_task and new_task
// do for them. Every other call goes to task.lua (spawn_more,
// create_task_more), so each of those rules has one implementation.
//
// Invariant: the task made here is the table new_task makes, field for
// field (a change to new_task changes this file too): the array of
// kTaskFields (boundary.hpp) with CO false, BODY the function or the
// coroutine object, SEQ its number, and spawn's argument in RESULT until the
// first step (body_1 takes it); class Task; live[SEQ] the task; its first
// step queued (schedule_first_step: tasks spawned one after another share
// one entry, ready_queue.cpp; step.cpp's start_plain takes it).
//
// Why in C: each was two or three Lua calls, one with varargs, and sixty
// instructions of the interpreter for every task (W1, W3).
#include "kernel/kernel.hpp"
#include "lua/errors.hpp"

namespace luasync::kernel {

namespace {

// [-0, +1] Pushes a new unnamed task of the function at fn with the
// argument at arg, or of the coroutine object at coro (fn, arg 0).
void push_task(lua_State* L, int fn, int arg, int coro) {
  const lua_Integer seq = ++kernel(L).unnamed_tasks;
  lua_createtable(L, kTaskFields, 0);
  const int task = lua_gettop(L);
  lua_pushboolean(L, 0);
  lua_rawseti(L, task, kFieldCo);
  lua_pushvalue(L, coro == 0 ? fn : coro);
  lua_rawseti(L, task, kFieldBody);
  if (coro == 0) {
    lua_pushvalue(L, arg);
    lua_rawseti(L, task, kFieldResult);
  }
  lua_pushinteger(L, seq);
  lua_rawseti(L, task, kFieldSeq);
  lua_rawgeti(L, up(L, kState), kSlotTaskMt);
  lua_setmetatable(L, task);
  lua_pushvalue(L, task);
  lua_rawseti(L, up(L, kLive), seq);
  schedule_first_step(L, seq);
}

// spawn(fn, ...) -> task
int l_spawn(lua_State* L) {
  const int n = lua_gettop(L);
  if (lua_type(L, 1) != LUA_TFUNCTION) {
    // A callable object (__call) is a function in Lua's idiom: task.lua's
    // spawn_more makes a function of it, once it has checked that the
    // __call is callable (`__call = 5` is refused there).
    if (luaL_getmetafield(L, 1, "__call") == LUA_TNIL) return bad_argument(L, 1, "spawn", "function");
    lua_pop(L, 1);
    push_lua_fn(L, LuaFn::SpawnMore);
    lua_insert(L, 1);
    lua_call(L, n, 1);
    return 1;
  }
  Kernel& k = kernel(L);
  bool plain = n == 2 && !k.debug && !k.trace;
  if (plain && lua_topointer(L, 1) != k.plain_fn) {
    lua_rawgeti(L, up(L, kState), kSlotAsyncBodies);
    lua_pushvalue(L, 1);
    plain = lua_rawget(L, -2) == LUA_TNIL;
    lua_settop(L, 2);
    if (plain) k.plain_fn = lua_topointer(L, 1);
  }
  if (!plain) {
    push_lua_fn(L, LuaFn::SpawnMore);
    lua_insert(L, 1);
    lua_call(L, n, 1);
    return 1;
  }
  push_task(L, 1, 2, 0);
  return 1;
}

// asyncio.create_task(aw[, opts]) -> task
int l_create_task(lua_State* L) {
  const int n = lua_gettop(L);
  const Kernel& k = kernel(L);
  bool plain = (n == 1 || (n == 2 && lua_isnil(L, 2))) && !k.debug && !k.trace && lua_getmetatable(L, 1);
  if (plain) {
    lua_rawgeti(L, up(L, kState), kSlotCoroMt);
    plain = lua_rawequal(L, -1, -2);
    lua_settop(L, n);
  }
  if (plain) {
    plain = get(L, 1, kKeyStarted) == LUA_TNIL;  // an unstarted coroutine object
    lua_settop(L, n);
  }
  if (!plain) {
    // task.lua's create_task(aw, opts, "create_task"); its errors name the
    // caller of this function, as they named asyncio's Lua wrapper's.
    lua_settop(L, 2);
    push_lua_fn(L, LuaFn::CreateTaskMore);
    lua_insert(L, 1);
    lua_pushliteral(L, "create_task");
    lua_call(L, 3, 1);
    return 1;
  }
  lua_settop(L, 1);
  lua_pushvalue(L, up(L, kKeyStarted));
  lua_pushboolean(L, 1);
  lua_rawset(L, 1);
  push_task(L, 0, 0, 1);
  return 1;
}

// count_task(named) -> n, unnamed: a new task is counted, named or not; n is
// its place in that count, unnamed the count of unnamed tasks so far (where
// a named task goes among them in all_tasks).
int l_count_task(lua_State* L) {
  Kernel& k = kernel(L);
  const lua_Integer n = lua_toboolean(L, 1) ? ++k.named_tasks : ++k.unnamed_tasks;
  lua_pushinteger(L, n);
  lua_pushinteger(L, k.unnamed_tasks);
  return 2;
}

}  // namespace

extern const luaL_Reg spawn_funcs[] = {
    {"spawn", l_spawn},
    {"create_task", l_create_task},
    {nullptr, nullptr},
};

// K alone: these read no kernel upvalue but K (kernel.hpp's kOnlyState).
extern const luaL_Reg spawn_k_funcs[] = {
    {"count_task", l_count_task},
    {nullptr, nullptr},
};

}  // namespace luasync::kernel
