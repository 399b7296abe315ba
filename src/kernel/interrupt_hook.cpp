// Ctrl-C for Lua code that never yields (`while true do end`), as lua.c does
// it: the SIGINT handler sets a count hook on the coroutine that is running,
// and the hook raises KeyboardInterrupt inside it. To know which coroutine
// runs, tasks and user coroutines are resumed through resume_tracked (step.cpp,
// coroutines.cpp).
//
// Invariant: running_thread is the coroutine being resumed by resume_tracked
// (innermost), or nullptr while only the driver (main thread) runs. The hook
// fires after kHookCount VM instructions, so a step that yields quickly is
// left alone: the driver then takes the interrupt and clears the hook.
#include <atomic>

#include "kernel/interrupt_hook.hpp"

#include "runtime/interrupt.hpp"

namespace luasync {

std::atomic<lua_State*> interrupt_detail::running_thread{nullptr};

namespace {
using interrupt_detail::running_thread;
constexpr int kHookCount = 100000;
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

}  // namespace

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
