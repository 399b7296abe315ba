// os.exit([code [, close]]) as lua5.4's, for a program whose main chunk is a
// task: with `close`, lua5.4's lua_close runs the pending <close> variables
// of the main thread's stack, the main chunk's. Here the main chunk (and a
// REPL input) runs in a task's coroutine, which lua_close does not close, so
// exit_close (task.lua) closes those coroutines first: the running one by
// yielding to its step, which closes it and exits (a coroutine cannot close
// itself), the suspended ones at once.
//
// Without `close`, a worker thread that still runs (a job of to_thread, a
// file or name request of libuv's, such as a FIFO's open waiting for a
// writer) makes the process leave by quick_exit: exit() would join libuv's
// threads, and so wait for that request for ever, and destroy what the
// workers share while they run. The output is flushed first, and the
// at_quick_exit handlers (the terminal's settings) run.
#include <cstdio>
#include <cstdlib>

#include "kernel/kernel.hpp"
#include "runtime/loop.hpp"

namespace luasync::kernel {

namespace {

[[noreturn]] void exit_now(lua_State* L, int status, bool close) {
  // No task is current while lua_close runs the finalizers and <close>
  // handlers: it unwinds the frames a step's current task is named by
  // (Kernel::current), and their records serve those handlers.
  if (close) kernel(L).current = {};
  // The finalizers lua_close runs may not open handles or jobs: nothing
  // would close or free them (Kernel::closed).
  if (close) kernel(L).closed = true;
  // (Asked before lua_close, which may free the loop: in stock Lua the
  // module's state owns it.)
  Loop* loop = kernel(L).loop;
  const bool busy =
      loop != nullptr && ((loop->workers_busy != nullptr && loop->workers_busy()) || loop->uv()->active_reqs.count > 0);
  if (close) lua_close(L);
  if (busy) {
    std::fflush(nullptr);
    std::quick_exit(status);
  }
  std::exit(status);
}

int k_exit(lua_State* L, int, lua_KContext status) { exit_now(L, static_cast<int>(status), true); }

int l_exit(lua_State* L) {
  int status;
  if (lua_isboolean(L, 1)) {
    status = lua_toboolean(L, 1) ? EXIT_SUCCESS : EXIT_FAILURE;
  } else {
    status = static_cast<int>(luaL_optinteger(L, 1, EXIT_SUCCESS));
  }
  const bool close = lua_toboolean(L, 2);
  // What the command line asked of the trace (--timeline, --trace=FILE)
  // is written as at a normal end, with the step that exits.
  if (kernel(L).trace) {
    push_lua_fn(L, LuaFn::TraceExit);
    lua_pushinteger(L, status);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) lua_pop(L, 1);
  }
  if (close) {
    lua_settop(L, 0);
    push_lua_fn(L, LuaFn::ExitClose);
    lua_pushinteger(L, status);
    lua_callk(L, 1, 0, status, k_exit);  // returns when nothing yielded
  }
  exit_now(L, status, close);
}

}  // namespace

extern const luaL_Reg exit_funcs[] = {
    {"exit", l_exit},
    {nullptr, nullptr},
};

// core.raw_exit(status, close): task.lua's exit_close ends there once the
// coroutines are closed, from the step (os.exit itself would close them
// again).
int l_raw_exit(lua_State* L) { exit_now(L, static_cast<int>(luaL_checkinteger(L, 1)), lua_toboolean(L, 2)); }

}  // namespace luasync::kernel
