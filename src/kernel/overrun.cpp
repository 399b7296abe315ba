// A task's memory overrun, and the full collection that answers it.
//
// The allocator (lua/state.cpp) lets a task take memory beyond the tasks'
// limit and flags it (flag_out_of_memory): its next wait raises "not enough
// memory". Lua raises that error only once its emergency collection could
// not make room, and so does luasync: what a task took is often garbage that
// the collector had not come to (its pause lets a heap grow to four times
// what the last cycle left; a program may set a larger one, or stop it).
// So an overrun asks for a full collection -- at the task's next
// instruction (a count hook), and at its wait if none answered it since --
// and the wait raises only if the heap is still beyond the limit after it.
//
// Invariants:
// - Kernel::overrun_since_collect: a task took memory beyond the limit since
//   the kernel's last full_collection; without one, that collection answers
//   every overrun flagged so far.
// - Kernel::collect_left_over: that collection left the heap beyond the
//   limit (live data, not garbage). Then the next ones for overruns are
//   rationed to a twentieth of the time (Kernel::next_pressure_collect):
//   with thousands of tasks at the limit, one collection each (as Lua's
//   emergency collection for each refused allocation) took hours.
// - Kernel::collect_hooked is a task coroutine whose step runs, or null:
//   the hook is taken off when it fires or when that step ends, so it never
//   names a coroutine that may be gone.
#include "kernel/kernel.hpp"
#include "kernel/open.hpp"
#include "runtime/clock.hpp"

namespace luasync::kernel {

void full_collection(lua_State* L, Kernel& k) {
  k.overrun_since_collect = false;
  // (A finalizer that overruns meanwhile asks for no other.)
  k.collect_left_over = true;
  lua_gc(L, LUA_GCCOLLECT);
  k.collect_left_over = memory_over_task_limit(L);
}

bool rationed_collection(lua_State* L, Kernel& k, bool now) {
  const double start = monotonic_seconds();
  if (!now && start < k.next_pressure_collect) return false;
  full_collection(L, k);
  k.next_pressure_collect = start + 20 * (monotonic_seconds() - start);
  return true;
}

bool collect_for_overrun(lua_State* L, Kernel& k) {
  if (!memory_over_task_limit(L)) return false;
  if (!k.overrun_since_collect) return true;
  if (!rationed_collection(L, k, !k.collect_left_over)) return true;
  return k.collect_left_over;
}

namespace {
void collect_hook(lua_State* L, lua_Debug*);
}  // namespace

void put_back_hook(Kernel& k) {
  lua_State* co = k.collect_hooked;
  k.collect_hooked = nullptr;
  // (A hook set since, which the step's end finds -- a debug.sethook in the
  // C call that overran, Ctrl-C's -- stays.)
  if (lua_gethook(co) == collect_hook) lua_sethook(co, k.saved_hook, k.saved_hook_mask, k.saved_hook_count);
}

namespace {

void collect_hook(lua_State* L, lua_Debug*) {
  Kernel& k = kernel(L);
  // (Another hook took its place since -- Ctrl-C's -- : that one stays.)
  if (k.collect_hooked == L) put_back_hook(k);
  collect_for_overrun(L, k);
}

}  // namespace

void arm_collect_hook(Kernel& k) {
  lua_State* co = k.running;
  if (co == nullptr || k.collect_hooked != nullptr) return;
  // Only what lua_sethook and the getters do: the allocator runs inside a
  // Lua allocation (they are safe even in a signal handler).
  k.collect_hooked = co;
  k.saved_hook = lua_gethook(co);
  k.saved_hook_mask = lua_gethookmask(co);
  k.saved_hook_count = lua_gethookcount(co);
  lua_sethook(co, collect_hook, LUA_MASKCOUNT, 1);
}

}  // namespace luasync::kernel
