// The coroutine bodies of most tasks, in C: spawn(fn, arg)'s (body_1) runs
// task[BODY](arg), the argument taken from the task's RESULT, where it
// waits until the first step (spawn.cpp, task.lua's new_task), and dropped
// as take_arg does; a coroutine object's (body_coro:
// create_task(coro), spawn of an async function) runs
// coro.fn(coro[1..coro.n]) for the coroutine object in task[BODY], taking
// the arguments out of it (take_coro_args). Each runs
// under the task's message handler and answers DONE, ok, results... (or
// DONE, false, error), what after_resume expects of every task body.
//
// Why in C: a body in Lua called xpcall, two frames (a Lua and a C one)
// below the task's function for as long as the task lives; this is one.
// Every sleeping task keeps one CallInfo less (W3), and the first step
// makes one Lua call less (W1).
#include <climits>

#include "kernel/kernel.hpp"

namespace luasync::kernel {

namespace {

// Stack of the body: 1 task, 2 msgh, 3 DONE, 4 ok (true until an error),
// then what the call left: its results, or the error. The body answers
// all but the first two: the message handler sits below what it answers,
// so that nothing has to take it out of the middle.
constexpr int kMsgh = 2, kOk = 4;

int k_body(lua_State* L, int status, lua_KContext) {
  if (status != LUA_OK && status != LUA_YIELD) {
    lua_pushboolean(L, 0);
    lua_replace(L, kOk);
  }
  return lua_gettop(L) - 2;
}

// [-?, +5] The stack of a body (upvalues DONE, msgh, then the names of the
// fields it reads) below its call: 1 task, 2 msgh, 3 DONE, 4 ok (true),
// 5 the task's BODY: its function, or its coroutine object.
void begin_body(lua_State* L) {
  lua_settop(L, 1);
  lua_pushvalue(L, lua_upvalueindex(2));
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushboolean(L, 1);
  lua_rawgeti(L, 1, kFieldBody);
}

int l_body_1(lua_State* L) {
  begin_body(L);  // 5: the function
  lua_rawgeti(L, 1, kFieldResult);
  lua_pushnil(L);
  lua_rawseti(L, 1, kFieldResult);
  return k_body(L, lua_pcallk(L, 1, LUA_MULTRET, kMsgh, 0, k_body), 0);
}

// Upvalues 3, 4 of body_coro: the names of the coroutine object's fields.
int l_body_coro(lua_State* L) {
  begin_body(L);  // 5: the coroutine object
  constexpr int coro = 5;
  lua_pushvalue(L, lua_upvalueindex(4));  // "n"
  lua_rawget(L, coro);
  const lua_Integer n = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : static_cast<lua_Integer>(lua_rawlen(L, coro));
  lua_pop(L, 1);
  if (n < 0 || n >= INT_MAX / 2 || !lua_checkstack(L, static_cast<int>(n) + 2)) luaL_error(L, "too many arguments");
  lua_pushvalue(L, lua_upvalueindex(3));  // "fn"
  lua_rawget(L, coro);
  take_coro_args(L, coro, static_cast<int>(n));
  lua_remove(L, coro);
  return k_body(L, lua_pcallk(L, static_cast<int>(n), LUA_MULTRET, kMsgh, 0, k_body), 0);
}

// task_bodies(DONE, msgh) -> body_1, body_coro; the kernel's first step of a
// plain task (step.cpp) makes its coroutine with one of them, and its finish
// (finish.cpp) knows a body's end by DONE (anchored by the bodies, which K
// anchors).
int l_task_bodies(lua_State* L) {
  lua_settop(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  kernel(L).done = lua_topointer(L, 1);
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 2);
  lua_pushcclosure(L, l_body_1, 2);
  lua_pushvalue(L, -1);
  lua_rawseti(L, up(L, kState), kSlotBody1);
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 2);
  lua_pushliteral(L, "fn");
  lua_pushliteral(L, "n");
  lua_pushcclosure(L, l_body_coro, 4);
  lua_pushvalue(L, -1);
  lua_rawseti(L, up(L, kState), kSlotBodyCoro);
  return 2;
}

}  // namespace

extern const luaL_Reg task_body_funcs[] = {
    {"task_bodies", l_task_bodies},
    {nullptr, nullptr},
};

}  // namespace luasync::kernel
