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
//
// Live inspection asks for the same hook (arm_inspect_hook, from its signal:
// diag/inspect.cpp) to run its callback at the next instruction of Lua code
// that never yields. One hook serves both: a Lua state has one.
#include <atomic>

#include "kernel/interrupt_hook.hpp"

#include "runtime/interrupt.hpp"

namespace luasync {

std::atomic<lua_State*> interrupt_detail::running_thread{nullptr};

namespace {
using interrupt_detail::running_thread;
constexpr int kHookCount = 100000;
std::atomic<lua_State*> hooked_thread{nullptr};

std::atomic<bool> inspect_armed{false};
std::atomic<void (*)(lua_State*)> inspect_callback{nullptr};

void interrupt_hook(lua_State* L, lua_Debug*) {
  lua_sethook(L, nullptr, 0, 0);
  lua_State* expected = L;
  const bool interrupt = hooked_thread.compare_exchange_strong(expected, nullptr);
  if (inspect_armed.exchange(false)) {
    if (auto* fn = inspect_callback.load()) fn(L);
    if (interrupt) {
      // Ctrl-C's hook is still due, after its count.
      hooked_thread.store(L);
      lua_sethook(L, interrupt_hook, LUA_MASKCOUNT, kHookCount);
      return;
    }
  }
  if (!interrupt || !interrupt_pending()) return;
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

void set_inspect_hook(void (*fn)(lua_State*)) { inspect_callback.store(fn); }

void arm_inspect_hook(lua_State* main) {
  lua_State* t = running_thread.load();
  if (!t) t = main;
  inspect_armed.store(true);
  lua_sethook(t, interrupt_hook, LUA_MASKCOUNT, 1);
}

void disarm_inspect_hook() { inspect_armed.store(false); }

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
