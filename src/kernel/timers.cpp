// Deadlines as the kernel sees them: the Loop's heap (runtime/deadlines.hpp)
// gives an id per deadline; the kernel keeps, by id, the entry to enqueue
// when it comes due: fn(a, b) in three Lua tables indexed by id + 1 (Fn, A,
// B), or the wake-up of a task (a sleep): the task alone in A, its ready
// entry the task alone (ready_queue.cpp's enqueue_wake), marked as such in
// Kernel::deadline_wake[id]. A million sleeps then cost one Lua slot each,
// not three, and so do their wake-ups (bench W3).
//
// Invariants:
// - An id's slots are filled exactly while its deadline is pending in the
//   heap or due and not yet enqueued: add_deadline and add_wake_deadline
//   fill them (just before the heap takes the id, which next_id names),
//   cancel_deadline empties them as the heap lets go of the id, and
//   enqueue_due once the entry is in the ready queue, then releases the id
//   (the heap may reuse it at once). So a stale cancel of a reused id is
//   refused by the owner check.
// - deadline_wake[id] says which kind the id's pending deadline is; for a
//   wake-up, the Fn and B slots are empty.
// - A due deadline's entry joins the ready queue in the iteration it came
//   due, behind what was ready already, as asyncio's timer handles do.
#include <algorithm>
#include <cmath>
#include <new>

#include "kernel/kernel.hpp"
#include "kernel/lua_layout.hpp"
#include "kernel/wait.hpp"
#include "lua/errors.hpp"

namespace luasync::kernel {

namespace {

Loop& loop_of(lua_State* L) { return *kernel(L).loop; }

// wake_entry(task): wakes the task if it still waits. What a due sleep's
// ready entry does (run_ready runs it without the call); tracing and debug
// mode report such an entry as this function's.
int l_wake_entry(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  wake_waiting(L, 1);
  return 0;
}

}  // namespace

namespace {

bool is_wake(const Kernel& k, DeadlineHeap::Id id) { return id < k.deadline_wake.size() && k.deadline_wake[id] != 0; }

// [-0, +0] Empties the slots of id.
void clear_slots(lua_State* L, DeadlineHeap::Id id) {
  const auto slot = static_cast<lua_Integer>(id) + 1;
  if (is_wake(kernel(L), id)) {
    lua_pushnil(L);
    lua_rawseti(L, up(L, kDeadA), slot);
    return;
  }
  for (int t = 0; t < 3; ++t) {
    lua_pushnil(L);
    lua_rawseti(L, up(L, kDeadFn + t), slot);
  }
}

// Marks the deadline the next add makes (id) as a task's wake-up or as
// generic. Raises, before anything changed, when there is no memory for it.
void set_kind(lua_State* L, DeadlineHeap::Id id, bool wake) {
  Kernel& k = kernel(L);
  bool ok = true;
  try {
    if (id >= k.deadline_wake.size()) k.deadline_wake.resize(static_cast<std::size_t>(id) + 1, 0);
  } catch (const std::bad_alloc&) {
    ok = false;
  }
  if (!ok) luaL_error(L, "not enough memory");
  k.deadline_wake[id] = wake ? 1 : 0;
}

// Adds `when` to the heap, whose next id's slots are filled already;
// empties them and raises when the heap cannot grow.
void push_deadline(lua_State* L, double when) {
  Loop& loop = loop_of(L);
  // Under the virtual clock, deadlines are rounded to whole nanoseconds: a
  // deadline computed as (t + 0.2) + 0.1 then ties with t + 0.3 instead of
  // falling on either side by a rounding bit that depends on t, and ties
  // fire in the order they were scheduled, as they would on a real clock.
  // A deadline too far for that (sleep(1e300): its nanoseconds overflow to
  // infinity) stays as it is: rounded, it became infinite, a deadline that
  // never comes, and the loop reported a deadlock; it is a finite time the
  // virtual clock jumps to, as it jumps to sleep(1e18)'s.
  if (loop.clock().kind() == ClockKind::Virtual && std::isfinite(when * 1e9)) when = std::round(when * 1e9) / 1e9;
  const DeadlineHeap::Id id = loop.deadlines().next_id();
  bool added = true;
  try {
    loop.deadlines().add(when);
  } catch (const std::bad_alloc&) {
    added = false;
  }
  if (!added) {
    clear_slots(L, id);
    luaL_error(L, "not enough memory");
  }
}

}  // namespace

DeadlineHeap::Id add_deadline(lua_State* L, double when, int fn, int a, int b) {
  KERNEL_STACK_MARK(L);
  // The slots are filled before the deadline exists (a store may raise:
  // memory), so a deadline never comes due without its entry. If the heap
  // cannot grow, push_deadline empties them again (storing nil never
  // allocates).
  const DeadlineHeap::Id id = loop_of(L).deadlines().next_id();
  set_kind(L, id, false);
  const auto slot = static_cast<lua_Integer>(id) + 1;
  int idx[3] = {fn, a, b};
  for (int t = 0; t < 3; ++t) {
    if (idx[t] == 0) continue;  // empty already: the id is not in use
    lua_pushvalue(L, idx[t]);
    lua_rawseti(L, up(L, kDeadFn + t), slot);
  }
  push_deadline(L, when);
  KERNEL_STACK_CHECK(L, 0);
  return id;
}

DeadlineHeap::Id add_wake_deadline(lua_State* L, double when, int task) {
  KERNEL_STACK_MARK(L);
  const DeadlineHeap::Id id = loop_of(L).deadlines().next_id();
  set_kind(L, id, true);
  lua_pushvalue(L, task);
  lua_rawseti(L, up(L, kDeadA), static_cast<lua_Integer>(id) + 1);  // may raise: the id is not in use yet
  push_deadline(L, when);
  KERNEL_STACK_CHECK(L, 0);
  return id;
}

// [-0, +0] Cancels deadline `id` if it is pending and its slot a holds the
// value at index `owner`.
bool cancel_deadline(lua_State* L, DeadlineHeap::Id id, int owner) {
  const auto slot = static_cast<lua_Integer>(id) + 1;
  lua_rawgeti(L, up(L, kDeadA), slot);
  const bool owned = !lua_isnil(L, -1) && lua_rawequal(L, -1, owner);
  lua_pop(L, 1);
  if (!owned || !loop_of(L).deadlines().cancel(id)) return false;
  clear_slots(L, id);
  return true;
}

// [-0, +0] Pushes the slot of each id (in order) onto the ready queue.
// An enqueue may raise (memory): the ids from the one it failed on stay in
// k.fired, taken (pop_due), their slots filled, and the next call (the next
// iteration, after that poll appended its own) goes on from there: none is
// lost, none reused meanwhile.
// A million sleepers come due at once in deadline order (W3), which reads
// deadline_wake and the A slots at random ids: each id's two lines are
// requested kAheadDue ids before they are read. The A slots' array does not
// move meanwhile (emptying a slot never resizes; the ready queue is other
// tables), and a slot in the table's hash part only makes a useless request.
namespace {
// [-0, +0] The slots of the deadlines, the heap and the list of those that
// fired give back the room that many pending deadlines grew (300,000 tasks
// asleep at once: 8 MB of slots), which they keep, empty, once those came
// due or were cancelled. Looked at here only, when some come due: a wave
// that was all cancelled keeps its room until then. Not while the ready
// queue holds as many entries:
// the wake-ups of a wave of that size (W3's sleepers, which sleep again).
// Not before a sixteenth of them are left pending: the ids of those are
// scattered (the free list hands out the last released first), so their
// slots go to the table's hash part, which no later shrink makes smaller.
// Resizing a table walks its whole array (Lua counts the slots in use):
// ~5 instructions a slot, for each deadline the wave had. Below
// kShrinkDeadlines pending at once (at most 2 MB of slots, when the tasks
// themselves took ~90 MB) the room stays: W3's 50,000 sleepers paid 24
// instructions a task for it.
constexpr lua_Integer kShrinkDeadlines = 65536;
void let_go_of_deadlines(lua_State* L, Kernel& k, DeadlineHeap& heap) {
  const int ups[] = {kDeadFn, kDeadA, kDeadB};
  shrink_tables(L, ups, 3);
  heap.shrink_room();
  std::vector<DeadlineHeap::Id>().swap(k.fired);
  k.deadlines_held = 0;
}
}  // namespace

void enqueue_due(lua_State* L) {
  KERNEL_STACK_MARK(L);
  Kernel& k = kernel(L);
  DeadlineHeap& heap = loop_of(L).deadlines();
  const std::vector<DeadlineHeap::Id>& ids = k.fired;
  // Those that fired were pending with those still pending.
  k.deadlines_held = std::max(k.deadlines_held, static_cast<lua_Integer>(heap.size() + ids.size()));
  constexpr std::size_t kAheadDue = 8;
  const auto* a_slots = static_cast<const char*>(lua_layout::table_array(lua_topointer(L, up(L, kDeadA))));
  for (std::size_t j = k.fired_done; j < ids.size(); ++j) {
    if (j + kAheadDue < ids.size()) {
      const DeadlineHeap::Id ahead = ids[j + kAheadDue];
      if (ahead < k.deadline_wake.size()) __builtin_prefetch(&k.deadline_wake[ahead]);
      heap.prefetch_release(ahead);
      if (a_slots != nullptr) __builtin_prefetch(a_slots + 16 * static_cast<std::size_t>(ahead));
    }
    const DeadlineHeap::Id id = ids[j];
    const auto slot = static_cast<lua_Integer>(id) + 1;
    if (is_wake(k, id)) {
      lua_rawgeti(L, up(L, kDeadA), slot);
      enqueue_wake(L);
    } else {
      for (int t = 0; t < 3; ++t) lua_rawgeti(L, up(L, kDeadFn + t), slot);
      enqueue(L);
    }
    clear_slots(L, id);
    heap.release(id);
    k.fired_done = j + 1;
  }
  k.fired.clear();
  k.fired_done = 0;
  if (k.deadlines_held >= kShrinkDeadlines && 16 * static_cast<lua_Integer>(heap.size()) < k.deadlines_held &&
      4 * (k.n[0] + k.n[1]) < k.deadlines_held) {
    let_go_of_deadlines(L, k, heap);
  }
  KERNEL_STACK_CHECK(L, 0);
}

namespace {

// call_at(when, fn, a, b) -> id; a is the owner cancel_at checks (not nil).
int l_call_at(lua_State* L) {
  double when = luaL_checknumber(L, 1);
  // NaN is before nothing and after nothing: in the heap it would break the
  // order every other deadline relies on (CPython's loop fails in select()
  // at the next iteration).
  if (when != when) return raise_error(L, "ValueError", "Invalid time: NaN (not a number)");
  luaL_checktype(L, 2, LUA_TFUNCTION);
  luaL_checkany(L, 3);
  lua_settop(L, 4);
  lua_pushinteger(L, static_cast<lua_Integer>(add_deadline(L, when, 2, 3, lua_isnil(L, 4) ? 0 : 4)));
  return 1;
}

// cancel_at(id, a) -> removed: false when it already came due, was
// cancelled, or the id now belongs to another owner.
int l_cancel_at(lua_State* L) {
  lua_Integer id = luaL_checkinteger(L, 1);
  luaL_checkany(L, 2);
  lua_pushboolean(L, id >= 0 && cancel_deadline(L, static_cast<DeadlineHeap::Id>(id), 2));
  return 1;
}

int l_now(lua_State* L) {
  lua_pushnumber(L, loop_of(L).clock().now());
  return 1;
}

}  // namespace

extern const luaL_Reg timer_funcs[] = {
    {"wake_entry", l_wake_entry},
    {"call_at", l_call_at},
    {"cancel_at", l_cancel_at},
    {nullptr, nullptr},
};

// K alone: these read no kernel upvalue but K (kernel.hpp's kOnlyState).
extern const luaL_Reg timer_k_funcs[] = {
    {"now", l_now},
    {nullptr, nullptr},
};

}  // namespace luasync::kernel
