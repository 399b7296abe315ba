// Opening and closing the kernel of a Lua state (open.cpp). LuaState calls
// these in this order: open_kernel before any coroutine exists; at the end
// settle_kernel, lua_close, close_kernel (the kernel outlives lua_close,
// whose finalizers may reach it).
#pragma once

#include <lua.hpp>

#include "runtime/loop.hpp"

namespace luasync {

// [-0, +0] package.loaded["luasync.core"]: the kernel's bindings.
void open_kernel(lua_State* L, Loop& loop);
// Ops still waiting for settle get their finalizer, so unstarted ones are
// reported when lua_close collects them.
void settle_kernel(lua_State* L);
void close_kernel();
// The coroutine of the task whose step runs on this thread now, or null
// (also while the runtime shuts down: the cancelled tasks' cleanup counts as
// the runtime's own; and for the REPL's console). The allocator refuses a task memory sooner than it
// refuses the kernel's bookkeeping (lua/state.cpp).
const void* running_task_coroutine();
// Whether the runtime cancels what is left at the end (set_shutting_down):
// that work -- the cancellations, their ready entries, the tasks' cleanup
// and finish -- may go beyond the memory limit by the reserve
// (lua/state.cpp), so that every task's cleanup gets its turn.
bool runtime_shutting_down();
// The running task took memory beyond the tasks' limit: its next wait
// raises "not enough memory" (kernel/wait.cpp).
void flag_out_of_memory();
// Memory fell well below the tasks' limit again.
void note_memory_relief();
// [-0, +0] From now on the kernel paces the collector (gc_pacing.cpp): a
// pause of 400% while the heap is small or grows, Lua's 200% once a large
// heap holds steady, 100% while memory is short.
void start_gc_pacing(lua_State* L);

}  // namespace luasync
