// xpcall_reserved(f, msgh, ...): xpcall, with kStackReserve slots of Lua
// stack reserved below f for as long as f runs. The main chunk of a script
// and each REPL input run their body through it (task.lua, body_reserved).
//
// Why: Lua 5.4.4 (Debian 12's; fixed in 5.4.5) keeps a pointer into the
// stack across a __concat metamethod in luaV_concat, and uses it after the
// call to set the stack top. If the stack moved meanwhile -- it grew, or the
// collector shrank it -- the top points into freed memory and the program
// crashes soon after (a five-line REPL session did; lua5.4's main thread,
// already large, rarely meets it). The reserve keeps the stack from moving
// under code that runs in these tasks: it never needs to grow below the
// reserve, and the collector shrinks a stack only to twice what its frames
// reserve, and only when it is more than three times that, so this frame's
// reserve keeps it at its size. Spawned tasks start small, as coroutines do
// in lua5.4, with the same (rare) exposure; docs/lua-users.md says so.
#include "kernel/kernel.hpp"

namespace luasync::kernel {

namespace {

constexpr int kStackReserve = 1000;  // slots (16 KiB)

int finish(lua_State* L, int status, lua_KContext extra) {
  if (status != LUA_OK && status != LUA_YIELD) {
    lua_pushboolean(L, 0);
    lua_pushvalue(L, -2);
    return 2;
  }
  return lua_gettop(L) - static_cast<int>(extra);
}

int l_xpcall_reserved(lua_State* L) {
  const int n = lua_gettop(L);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  // Also raises this frame's own top (CallInfo::top), which is what keeps
  // the collector from shrinking the stack below it.
  // A body's stack is far below Lua's limit: only memory can be refused.
  if (!lua_checkstack(L, kStackReserve)) return luaL_error(L, "not enough memory");
  lua_pushboolean(L, 1);
  lua_pushvalue(L, 1);
  lua_rotate(L, 3, 2);
  const int status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish);
  return finish(L, status, 2);
}

}  // namespace

extern const luaL_Reg stack_reserve_funcs[] = {
    {"xpcall_reserved", l_xpcall_reserved},
    {nullptr, nullptr},
};

}  // namespace luasync::kernel
