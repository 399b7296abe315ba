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
// that never yields. One hook serves both: a coroutine has one.
//
// A hook the program set on that coroutine (debug.sethook: a profiler, a
// coverage tool) is saved when ours replaces it and put back when ours is
// done -- lua.c drops it, but there the program ends; here a Ctrl-C cancels
// one REPL input and `luasync ps` changes nothing.
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

void interrupt_hook(lua_State* L, lua_Debug*);

// The program's hook on saved_thread, which interrupt_hook replaced
// (nullptr: none saved). Written in signal context, read on the loop
// thread: atomics only.
std::atomic<lua_State*> saved_thread{nullptr};
std::atomic<lua_Hook> saved_hook{nullptr};
std::atomic<int> saved_mask{0};
std::atomic<int> saved_count{0};

// Installs interrupt_hook on t with (mask, count), saving the program's
// hook when it is one (not ours already). Signal context.
void install_hook(lua_State* t, int count) {
  if (lua_Hook h = lua_gethook(t); h != interrupt_hook) {
    saved_thread.store(nullptr);
    saved_hook.store(h);
    saved_mask.store(lua_gethookmask(t));
    saved_count.store(lua_gethookcount(t));
    saved_thread.store(h != nullptr ? t : nullptr);
  }
  lua_sethook(t, interrupt_hook, LUA_MASKCOUNT, count);
}

// Takes interrupt_hook off t: the program's hook back if it had one.
void remove_hook(lua_State* t) {
  lua_State* expected = t;
  if (saved_thread.compare_exchange_strong(expected, nullptr)) {
    lua_sethook(t, saved_hook.load(), saved_mask.load(), saved_count.load());
  } else {
    lua_sethook(t, nullptr, 0, 0);
  }
}

void interrupt_hook(lua_State* L, lua_Debug*) {
  remove_hook(L);
  lua_State* expected = L;
  const bool interrupt = hooked_thread.compare_exchange_strong(expected, nullptr);
  if (inspect_armed.exchange(false)) {
    if (auto* fn = inspect_callback.load()) fn(L);
    if (interrupt) {
      // Ctrl-C's hook is still due, after its count.
      hooked_thread.store(L);
      install_hook(L, kHookCount);
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
  install_hook(t, kHookCount);
}

}  // namespace

void set_inspect_hook(void (*fn)(lua_State*)) { inspect_callback.store(fn); }

void arm_inspect_hook(lua_State* main) {
  lua_State* t = running_thread.load();
  if (!t) t = main;
  inspect_armed.store(true);
  install_hook(t, 1);
}

void disarm_inspect_hook() { inspect_armed.store(false); }

void interrupt_clear_hook() {
  if (lua_State* t = hooked_thread.exchange(nullptr)) remove_hook(t);
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
  saved_thread.store(nullptr);
}

}  // namespace luasync
