// The coroutine body of most tasks, spawn(fn, arg)'s: task.lua's body_1 in
// C. It runs task._fn(task[1]) (dropping task[1], as take_arg does) under
// the task's message handler and answers DONE, ok, results... (or DONE,
// false, error), what after_resume expects of every task body.
//
// Why in C: the Lua body called xpcall, two frames (a Lua and a C one)
// below the task's function for as long as the task lives; this is one.
// Every sleeping task keeps one CallInfo less (W3), and the first step
// makes one Lua call less (W1).
#include "kernel/kernel.hpp"

namespace luasync::kernel {

namespace {

// Stack of the body: 1 task, 2 DONE, 3 ok (true until an error), 4 msgh,
// then what the call left: its results, or the error.
int k_body(lua_State* L, int status, lua_KContext) {
  if (status != LUA_OK && status != LUA_YIELD) {
    lua_pushboolean(L, 0);
    lua_replace(L, 3);
  }
  lua_remove(L, 4);
  return lua_gettop(L) - 1;
}

int l_body_1(lua_State* L) {
  lua_settop(L, 1);
  lua_pushvalue(L, lua_upvalueindex(1));  // DONE
  lua_pushboolean(L, 1);
  lua_pushvalue(L, lua_upvalueindex(2));  // msgh
  lua_pushvalue(L, lua_upvalueindex(3));  // "_fn"
  lua_rawget(L, 1);
  lua_rawgeti(L, 1, 1);
  lua_pushnil(L);
  lua_rawseti(L, 1, 1);
  return k_body(L, lua_pcallk(L, 1, LUA_MULTRET, 4, 0, k_body), 0);
}

// task_body_1(DONE, msgh) -> the body; the kernel's first step of a plain
// task (step.cpp) makes its coroutine with it, and its finish (finish.cpp)
// knows a body's end by DONE (anchored by the body, which K anchors).
int l_task_body_1(lua_State* L) {
  lua_settop(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  kernel(L).done = lua_topointer(L, 1);
  lua_pushliteral(L, "_fn");
  lua_pushcclosure(L, l_body_1, 3);
  lua_pushvalue(L, -1);
  lua_rawseti(L, up(kState), kSlotBody1);
  return 1;
}

}  // namespace

extern const luaL_Reg task_body_funcs[] = {
    {"task_body_1", l_task_body_1},
    {nullptr, nullptr},
};

}  // namespace luasync::kernel
