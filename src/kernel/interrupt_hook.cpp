// Ctrl-C for Lua code that never yields (`while true do end`), as lua.c does
// it: the SIGINT handler sets a count hook on the coroutine that is running,
// and the hook raises KeyboardInterrupt inside it. To know which coroutine
// runs, tasks and user coroutines are resumed through core.resume below.
//
// Invariant: running_thread is the coroutine being resumed by core.resume
// (innermost), or nullptr while only the driver (main thread) runs. The hook
// fires after kHookCount VM instructions, so a step that yields quickly is
// left alone: the driver then takes the interrupt and clears the hook.
#include <atomic>

#include "kernel/interrupt_hook.hpp"

#include "runtime/interrupt.hpp"

namespace luasync {

namespace {
constexpr int kHookCount = 100000;
std::atomic<lua_State*> running_thread{nullptr};
std::atomic<lua_State*> hooked_thread{nullptr};

void interrupt_hook(lua_State* L, lua_Debug*) {
  lua_sethook(L, nullptr, 0, 0);
  hooked_thread.store(nullptr);
  if (!interrupt_pending()) return;
  lua_getfield(L, LUA_REGISTRYINDEX, kernel::kRegKeyboardInterrupt);
  lua_call(L, 0, 1);
  lua_error(L);
}

// Signal context: only atomics and lua_sethook, as lua.c.
void on_first_interrupt() {
  lua_State* t = running_thread.load();
  if (!t) return;
  hooked_thread.store(t);
  lua_sethook(t, interrupt_hook, LUA_MASKCOUNT, kHookCount);
}

// [-(n+1), +(r+1)] resume(co, ...) -> true, values... | false, err
// coroutine.resume, recording the running coroutine for the hook above.
int l_core_resume(lua_State* L) {
  lua_State* co = lua_tothread(L, 1);
  luaL_argexpected(L, co, 1, "coroutine");
  int nargs = lua_gettop(L) - 1;
  if (!lua_checkstack(co, nargs)) {
    lua_pushboolean(L, 0);
    lua_pushliteral(L, "too many arguments to resume");
    return 2;
  }
  lua_xmove(L, co, nargs);
  int nres = 0;
  int status = resume_tracked(co, L, nargs, &nres);
  if (status == LUA_OK || status == LUA_YIELD) {
    if (!lua_checkstack(L, nres + 1)) {
      lua_pop(co, nres);
      lua_pushboolean(L, 0);
      lua_pushliteral(L, "too many results to resume");
      return 2;
    }
    lua_pushboolean(L, 1);
    lua_xmove(co, L, nres);
    return nres + 1;
  }
  lua_pushboolean(L, 0);
  lua_xmove(co, L, 1);
  return 2;
}

}  // namespace

int resume_tracked(lua_State* co, lua_State* from, int nargs, int* nres) {
  lua_State* outer = running_thread.exchange(co);
  int status = lua_resume(co, from, nargs, nres);
  running_thread.store(outer);
  return status;
}

void interrupt_clear_hook() {
  if (lua_State* t = hooked_thread.exchange(nullptr)) lua_sethook(t, nullptr, 0, 0);
}

namespace {
// interrupt_rearm(): the interrupt was handled (the input cancelled); the
// next Ctrl-C counts as a first one again.
int l_core_interrupt_rearm(lua_State*) {
  interrupt_rearm();
  return 0;
}
}  // namespace

const luaL_Reg interrupt_funcs[] = {
    {"resume", l_core_resume},
    {"interrupt_rearm", l_core_interrupt_rearm},
    {nullptr, nullptr},
};

void open_interrupt() { interrupt_set_callback(on_first_interrupt); }

void close_interrupt() {
  interrupt_set_callback(nullptr);
  running_thread.store(nullptr);
  hooked_thread.store(nullptr);
}

}  // namespace luasync
