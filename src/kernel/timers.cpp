// Deadlines as the kernel sees them: the Loop's heap (runtime/deadlines.hpp)
// gives an id per deadline; the kernel keeps, in three Lua tables indexed by
// id + 1, the entry to enqueue when it comes due: fn(a, b), or the wake-up of
// a task (fn the wake entry, a the task, b its wait generation: sleep).
//
// Invariants:
// - An id's slots are filled exactly while its deadline is pending in the
//   heap: add_deadline fills them (just before the heap takes the id, which
//   next_id names), and cancel_deadline or run_once's
//   collect_due empty them as the heap lets go of the id (it may reuse it at
//   once). So a stale cancel of a reused id is refused by the owner check.
// - A due deadline's entry joins the ready queue in the iteration it came
//   due, behind what was ready already, as asyncio's timer handles do.
#include <cmath>
#include <new>

#include "kernel/kernel.hpp"
#include "kernel/wait.hpp"

namespace luasync::kernel {

namespace {

Loop& loop_of(lua_State* L) { return *kernel(L).loop; }

// wake_entry(task, gen): the entry of a due sleep (or any deadline that ends
// a task's wait): wakes the task if that wait is still current.
int l_wake_entry(lua_State* L) {
  wake(L, 1, static_cast<std::uint64_t>(lua_tointeger(L, 2)), 0);
  return 0;
}

}  // namespace

namespace {

// [-0, +0] Empties the slots of id.
void clear_slots(lua_State* L, DeadlineHeap::Id id) {
  const auto slot = static_cast<lua_Integer>(id) + 1;
  for (int t = 0; t < 3; ++t) {
    lua_pushnil(L);
    lua_rawseti(L, up(kDeadFn + t), slot);
  }
}

}  // namespace

DeadlineHeap::Id add_deadline(lua_State* L, double when, int fn, int a, int b) {
  KERNEL_STACK_MARK(L);
  Loop& loop = loop_of(L);
  // Under the virtual clock, deadlines are rounded to whole nanoseconds: a
  // deadline computed as (t + 0.2) + 0.1 then ties with t + 0.3 instead of
  // falling on either side by a rounding bit that depends on t, and ties
  // fire in the order they were scheduled, as they would on a real clock.
  if (loop.clock().kind() == ClockKind::Virtual) when = std::round(when * 1e9) / 1e9;
  // The slots are filled before the deadline exists (a store may raise:
  // memory), so a deadline never comes due without its entry. If the heap
  // cannot grow, the slots are emptied again (storing nil never allocates).
  const DeadlineHeap::Id id = loop.deadlines().next_id();
  const auto slot = static_cast<lua_Integer>(id) + 1;
  int idx[3] = {fn, a, b};
  for (int t = 0; t < 3; ++t) {
    if (idx[t] == 0) continue;  // empty already: the id is not in use
    lua_pushvalue(L, idx[t]);
    lua_rawseti(L, up(kDeadFn + t), slot);
  }
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
  KERNEL_STACK_CHECK(L, 0);
  return id;
}

// [-0, +0] Cancels deadline `id` if it is pending and its slot a holds the
// value at index `owner`.
bool cancel_deadline(lua_State* L, DeadlineHeap::Id id, int owner) {
  const auto slot = static_cast<lua_Integer>(id) + 1;
  lua_rawgeti(L, up(kDeadA), slot);
  const bool owned = !lua_isnil(L, -1) && lua_rawequal(L, -1, owner);
  lua_pop(L, 1);
  if (!owned || !loop_of(L).deadlines().cancel(id)) return false;
  clear_slots(L, id);
  return true;
}

// [-0, +0] Pushes the slot of each id (in order) onto the ready queue.
void enqueue_due(lua_State* L, const std::vector<DeadlineHeap::Id>& ids) {
  KERNEL_STACK_MARK(L);
  for (DeadlineHeap::Id id : ids) {
    const auto slot = static_cast<lua_Integer>(id) + 1;
    for (int t = 0; t < 3; ++t) lua_rawgeti(L, up(kDeadFn + t), slot);
    enqueue(L);
    clear_slots(L, id);
  }
  KERNEL_STACK_CHECK(L, 0);
}

// [-0, +1] The wake entry for add_deadline's fn slot.
void push_wake_entry(lua_State* L) { lua_rawgeti(L, up(kState), kSlotWakeEntry); }

namespace {

// call_at(when, fn, a, b) -> id; a is the owner cancel_at checks (not nil).
int l_call_at(lua_State* L) {
  double when = luaL_checknumber(L, 1);
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
    {"now", l_now},
    {nullptr, nullptr},
};

}  // namespace luasync::kernel
