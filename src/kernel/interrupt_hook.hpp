// Ctrl-C inside Lua code that never yields (interrupt_hook.cpp): the hook that
// raises KeyboardInterrupt in the running coroutine, and the resume that tells
// it which coroutine runs. The signal itself is runtime/interrupt.hpp's.
#pragma once

#include <atomic>
#include <lua.hpp>

#include "kernel/boundary.hpp"

namespace luasync {

namespace interrupt_detail {
// The coroutine resume_tracked is resuming (innermost), or nullptr while only
// the driver (main thread) runs: read by the SIGINT handler.
extern std::atomic<lua_State*> running_thread;
}  // namespace interrupt_detail

// lua_resume(co, from, nargs, nres), telling the Ctrl-C hook which coroutine
// runs. Inline: every task step and user coroutine.resume comes through here,
// and one call level less after lua_resume's longjmp-broken return (a yield
// is a longjmp) is measurable (bench/coroutines.lua).
inline int resume_tracked(lua_State* co, lua_State* from, int nargs, int* nres) {
  using interrupt_detail::running_thread;
  // The SIGINT handler runs on this thread, between two instructions of it:
  // relaxed loads and stores (plain moves) are enough, a fence keeps the
  // compiler from moving them across lua_resume. (An exchange would lock the
  // bus twice per resume.)
  lua_State* outer = running_thread.load(std::memory_order_relaxed);
  running_thread.store(co, std::memory_order_relaxed);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  int status = lua_resume(co, from, nargs, nres);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  running_thread.store(outer, std::memory_order_relaxed);
  return status;
}
// Live inspection (diag/inspect.cpp): fn runs on the loop thread, in the
// hook, at the next VM instruction after arm_inspect_hook (signal context,
// on the loop thread: only atomics and lua_sethook) armed it on the running
// coroutine, or on `main` while none runs. Not in a C function: a hook runs
// between Lua instructions. disarm_inspect_hook: one not fired yet does
// nothing when it fires.
void set_inspect_hook(void (*fn)(lua_State*));
void arm_inspect_hook(lua_State* main);
void disarm_inspect_hook();
// The driver took the interrupt: a Ctrl-C hook not yet fired must not fire later.
void interrupt_clear_hook();
// Arms the hook on the first Ctrl-C (open) and disarms it before lua_close.
void open_interrupt();
void close_interrupt();
// interrupt_rearm, for luasync.core.
extern const luaL_Reg interrupt_funcs[];

}  // namespace luasync
