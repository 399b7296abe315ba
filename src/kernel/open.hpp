// Opening and closing the kernel of a Lua state (open.cpp). LuaState calls
// these in this order: open_kernel before any coroutine exists; at the end
// settle_kernel, lua_close, close_kernel (the kernel outlives lua_close,
// whose finalizers may reach it).
#pragma once

#include <cstddef>
#include <lua.hpp>

#include "runtime/loop.hpp"

namespace luasync {

// [-0, +0] The runtime module luasync.core (runtime_modules.hpp): the kernel's bindings.
void open_kernel(lua_State* L, Loop& loop);
// Ops still waiting for settle get their finalizer, so unstarted ones are
// reported when lua_close collects them.
void settle_kernel(lua_State* L);
// The runtime begins to close (close_runtime, before the loop closes): the
// bindings that would open libuv handles, requests or worker jobs raise
// "Event loop is closed" from now on (Kernel::closed), also in the
// finalizers lua_close runs.
void mark_kernel_closed();
void close_kernel();
// The coroutine of the task whose step runs on this thread now, or null
// (also while the runtime shuts down: the cancelled tasks' cleanup counts as
// the runtime's own; and for the REPL's console). The allocator refuses a task memory sooner than it
// refuses the kernel's bookkeeping (lua/state.cpp).
const void* running_task_coroutine();
// While the runtime cancels what is left at the end (set_shutting_down(n)):
// the bytes that work -- the cancellations, their ready entries, the tasks'
// cleanup and finish -- may take beyond the memory limit and its reserve
// (lua/state.cpp), so that every task's cleanup gets its turn: some for
// each of the n tasks cancelled. Otherwise 0 (and no stretch at all).
bool runtime_shutting_down();
std::size_t shutdown_allowance();
// The running task took memory beyond the tasks' limit: its next wait
// raises "not enough memory" (kernel/wait.cpp) if a full collection cannot
// bring the heap back under that limit -- unless Lua raised that error in
// the task since its last wait began (note_memory_refused).
void flag_out_of_memory();
// The allocator refused the running task a request: Lua raises "not
// enough memory" in it -- at once, or after its emergency collection when
// its retry is refused too. That is the error a flag would raise at the
// task's next wait, delivered: the flag goes, and none is set again before
// that wait begins (wait.hpp). Answers what withdraw_memory_refusal needs
// to put things back when Lua's retry is granted after all (no error).
unsigned note_memory_refused();
void withdraw_memory_refusal(unsigned before);
// Memory fell well below the tasks' limit again.
void note_memory_relief();
// The allocator's answers to the kernel (lua/state.cpp defines them):
// whether a task's first step should wait for memory (kernel/step.cpp): a
// task went beyond the tasks' limit and memory has not fallen well below it
// since, or the heap is near that limit (then relief is awaited as after a
// task went beyond it); and, after a full collection, whether memory fell
// well below that limit (relief, as on an allocation that finds it so).
bool memory_short_for_task_start(lua_State* L);
bool memory_relieved(lua_State* L);
// Whether the heap is beyond the tasks' limit now (what a task's overrun
// flag says it was).
bool memory_over_task_limit(lua_State* L);
// [-0, +0] From now on the kernel paces the collector (gc_pacing.cpp): a
// pause of 400% while the heap is small or grows, Lua's 200% once a large
// heap holds steady, 100% while memory is short.
void start_gc_pacing(lua_State* L);

}  // namespace luasync
