// The wait primitive (wait.hpp): beginning a wait, waking, and the C half of
// cancel's protocol (wait.lua holds the aborts and calls these).
#include "kernel/wait.hpp"

#include "kernel/kernel.hpp"
#include "kernel/open.hpp"
#include "lua/frames.hpp"

namespace luasync::kernel {

namespace {

constexpr std::uint64_t kStateMask = kWaitStateMask;
constexpr std::uint64_t kSpentBit = 4;

std::uint64_t make_bits(std::uint64_t gen, WaitState s) { return gen << 7 | static_cast<std::uint64_t>(s); }

// CPython's constants.DEBUG_STACK_DEPTH: the frames kept (future.lua's
// SOURCE_FRAMES).
constexpr int kSourceFrames = 10;

// note_origin(origins, task, frames?, fn_names): origins[task] = the user's
// frames of the running coroutine, the waker's (nil for none), or nil when
// `frames?` is false. Run protected: the frames' text is memory.
int l_note_origin(lua_State* L) {
  lua_settop(L, 4);
  lua_pushvalue(L, 2);
  if (lua_toboolean(L, 3)) {
    lua_pushcfunction(L, luasync::frames);
    lua_pushnil(L);
    lua_pushinteger(L, 1);
    lua_pushinteger(L, kSourceFrames);
    lua_pushvalue(L, 4);
    lua_call(L, 4, 1);
    if (lua_rawlen(L, -1) == 0) {
      lua_pop(L, 1);
      lua_pushnil(L);
    }
  } else {
    lua_pushnil(L);
  }
  lua_rawset(L, 1);
  return 0;
}

}  // namespace

// Where the step that wake() just scheduled for the task at `task` was
// scheduled, as CPython's Handle of that step keeps its _source_traceback:
// the frames of the waker (the code that set the Future, released the Lock,
// put in the Queue, cancelled the task), none when the loop woke it (a timer, I/O, a task that ended) or when the
// task woke itself (sleep(0): CPython's bare yield, whose call_soon runs
// after the coroutine left its frames). task.lua keeps them in step_origins
// (its first step's: where it was made); report.lua shows them as the
// handle_traceback of a report made during that step. Only C runs here, no
// Lua instruction (where Ctrl-C's hook could raise: wake() runs between a
// wait's registering and its suspending); an error (memory) loses the
// frames, never the wake-up. The collector is held meanwhile: its step in
// one of these allocations could run a finalizer, Lua code, while the wait
// still reads Waiting (wake() marks it after scheduling), and a finalizer
// that cancelled the task (or woke another waiter of the same Future,
// Queue...) would schedule a second step for one suspension.
void note_step_origin(lua_State* L, int task) {
  KERNEL_STACK_MARK(L);
  task = lua_absindex(L, task);
  const bool self = coroutine_of(L, task) == kernel(L).running;
  if (!lua_checkstack(L, 8)) return;
  if (lua_rawgeti(L, up(L, kState), kSlotStepOrigins) != LUA_TTABLE) {
    lua_pop(L, 1);
    return;
  }
  const int origins = lua_gettop(L);
  lua_pushcfunction(L, l_note_origin);
  lua_pushvalue(L, origins);
  lua_pushvalue(L, task);
  lua_pushboolean(L, !self);
  lua_rawgeti(L, up(L, kState), kSlotFnNames);
  // (1: running; 0: the user stopped it; -1: inside a collection already,
  // where it takes no steps)
  const bool collecting = lua_gc(L, LUA_GCISRUNNING) == 1;
  if (collecting) lua_gc(L, LUA_GCSTOP);
  if (lua_pcall(L, 4, 0, 0) != LUA_OK) lua_pop(L, 1);
  if (collecting) lua_gc(L, LUA_GCRESTART);
  lua_pop(L, 1);
  KERNEL_STACK_CHECK(L, 0);
}

bool can_wait(lua_State* L) {
  Kernel& k = kernel(L);
  return k.running != nullptr && k.can_suspend && L == k.innermost && lua_isyieldable(L);
}

void check_can_wait(lua_State* L, int awaited) {
  if (!can_wait(L)) {
    push_lua_fn(L, LuaFn::OutsideTask);
    if (awaited != 0) {
      lua_pushvalue(L, awaited);
    } else {
      lua_pushnil(L);
    }
    lua_call(L, 1, 0);  // raises
  }
}

namespace {
// The memory error the allocator put off (lua/state.cpp): raised at the
// task's wait, in the task that took the memory, before it waits on
// anything -- if the heap is still beyond the tasks' limit after a full
// collection (overrun.cpp). Lua's own message, a string that exists
// already. (Out of wait_prepare's way: inlined, it cost every wait ~6
// instructions of saved registers, W1.)
[[gnu::cold, gnu::noinline]] void answer_overrun(lua_State* L, Kernel& k, WaitWord& w) {
  w.bits &= ~kOutOfMemoryBit;
  if (collect_for_overrun(L, k)) {
    // Memory is short now, not from the next entry on (act_on_memory_news):
    // the error's handling, in this step, meets the collector's pace of a
    // short memory whatever the entries before saw (a collection here that
    // found the heap back under the limit, and relief, depend on its layout).
    if (!k.fast_collector) {
      k.fast_collector = true;
      lua_gc(L, LUA_GCINC, 100, 0, 0);
    }
    lua_pushliteral(L, "not enough memory");
    lua_error(L);
  }
}
}  // namespace

std::uint64_t wait_prepare(lua_State* L) {
  check_can_wait(L);
  Kernel& k = kernel(L);
  WaitWord& w = wait_word(k.running);
  if (__builtin_expect(w.out_of_memory(), 0)) answer_overrun(L, k, w);
  return w.generation() + 1;
}

void wait_begin(lua_State* L, int what, std::uint64_t gen, int task) {
  KERNEL_STACK_MARK(L);
  Kernel& k = kernel(L);
  std::uint64_t where = 0;
  if (what == 1 && L == k.running && !lua_isnil(L, 1)) {
    // In the task's own coroutine: the frame keeps it (wait.hpp).
    where = kFrameWaiterBit;
  } else if (what != 0 && !lua_isnil(L, what)) {
    where = kWaiterBit;
    // The store comes first: the task's first one adds the key (a step
    // resets it to false, never nil, so later ones allocate nothing), and
    // if it raises (memory), the task is not left marked Waiting on a wait
    // that never began.
    if (task == 0) {
      push_current_task(L);
      set(L, lua_gettop(L), kKeyFutWaiter, what);
      lua_pop(L, 1);
    } else {
      set(L, task, kKeyFutWaiter, what);
    }
  }
  wait_word(k.running).bits = make_bits(gen, WaitState::Waiting) | where;
  KERNEL_STACK_CHECK(L, 0);
}

void push_waiter(lua_State* L, int task) {
  lua_State* co = coroutine_of(L, task);
  if (co != nullptr && (wait_word(co).bits & kFrameWaiterBit) != 0) {
    // The suspended frame's slot 1, copied through the coroutine's stack.
    if (!lua_checkstack(co, 1)) luaL_error(L, "not enough memory");
    lua_pushvalue(co, 1);
    lua_xmove(co, L, 1);
    return;
  }
  task = lua_absindex(L, task);
  get(L, task, kKeyFutWaiter);
}

namespace {

// add_waiter, or add_waiter_once when `once`. An empty CB means no list
// either (future.lua), so the list is looked up only behind a CB.
// (fut and waiter are absolute indices.)
bool add_waiter_to(lua_State* L, int fut, int waiter, bool once) {
  const int cb_type = lua_rawgeti(L, fut, kFieldCb);
  if (cb_type == LUA_TNIL || (cb_type == LUA_TBOOLEAN && !lua_toboolean(L, -1))) {
    // The usual case: the waiter takes CB, its copy replacing CB's there
    // (one call where a push and a cut were two).
    lua_copy(L, waiter, -1);
    lua_rawseti(L, fut, kFieldCb);
    return true;
  }
  const int top = lua_gettop(L) - 1;
  bool added = true;
  lua_rawgeti(L, up(L, kState), kSlotKeyCallbacks);  // top + 2
  lua_pushvalue(L, top + 2);
  if (lua_rawget(L, fut) == LUA_TTABLE) {  // top + 3: the list
    const auto n = static_cast<lua_Integer>(lua_rawlen(L, top + 3));
    if (once) {
      lua_rawgeti(L, top + 3, n);
      added = !lua_rawequal(L, -1, waiter);
    }
    if (added) {
      lua_pushvalue(L, waiter);
      lua_rawseti(L, top + 3, n + 1);
    }
  } else if (once && lua_rawequal(L, top + 1, waiter)) {
    added = false;
  } else {
    lua_pushvalue(L, top + 2);
    lua_createtable(L, 1, 0);
    lua_pushvalue(L, waiter);
    lua_rawseti(L, -2, 1);
    lua_rawset(L, fut);
  }
  lua_settop(L, top);
  return added;
}

}  // namespace

void add_waiter(lua_State* L, int fut, int waiter) { add_waiter_to(L, fut, waiter, false); }

bool add_waiter_once(lua_State* L, int fut, int waiter) { return add_waiter_to(L, fut, waiter, true); }

bool wake_waiting(lua_State* L, int task, int exc) {
  lua_State* co = coroutine_of(L, task);
  return co != nullptr && wake(L, task, wait_word(co).generation(), exc);
}

bool wake(lua_State* L, int task, std::uint64_t gen, int exc, bool aborted, bool in_batch) {
  KERNEL_STACK_MARK(L);
  lua_State* co = coroutine_of(L, task);
  if (co == nullptr) return false;
  WaitWord& w = wait_word(co);
  // The one staleness check (see wait.hpp).
  if (w.state() != WaitState::Waiting || w.generation() != gen) return false;
  // Scheduled first: if that raises (memory), the wait is still Waiting.
  bool traced;
  if (in_batch) {
    schedule_step_in_batch(L, task);
    traced = kernel(L).trace;
  } else if (exc == 0) {
    traced = schedule_woken_step(L, task);  // (reads the flags only when one is on)
  } else {
    schedule_step_raising(L, task, exc);
    traced = kernel(L).trace;
  }
  w.bits = make_bits(gen, aborted ? WaitState::Aborted : WaitState::Woken) |
           (w.bits & (kOutOfMemoryBit | kWaiterBit | kFrameWaiterBit));
  if (traced) [[unlikely]]
    trace_ready(L, task);
  KERNEL_STACK_CHECK(L, 0);
  return true;
}

void yield_turn(lua_State* L, int task, std::uint64_t gen) {
  KERNEL_STACK_MARK(L);
  WaitWord& w = wait_word(kernel(L).running);
  w.bits = make_bits(gen, WaitState::Waiting);  // wait_begin's, on nothing
  // wake()'s: scheduled first (if that raises, the wait is still Waiting),
  // then Woken. wait_begin left no other bit to keep.
  schedule_woken_step(L, task);
  w.bits = make_bits(gen, WaitState::Woken);
  KERNEL_STACK_CHECK(L, 0);
}

bool running_wait_aborted(lua_State* L) {
  lua_State* co = kernel(L).running;
  return co != nullptr && wait_word(co).state() == WaitState::Aborted;
}

int suspend(lua_State* L, lua_KContext ctx, lua_KFunction k) {
  lua_pushvalue(L, up(L, kAwait));
  return lua_yieldk(L, 1, ctx, k);
}

namespace {

// The continuation of a wait on what is at 1: what the wake-up brought is
// above it.
int k_waited(lua_State* L, int, lua_KContext) { return lua_gettop(L) - 1; }

// wait_on(what) -> [exc]: the running task waits on `what` with no waker
// registered: whoever wakes it finds the generation with wait_of (the
// kernel's unit tests). Answers what the wake-up brought.
int l_wait_on(lua_State* L) {
  lua_settop(L, 1);
  wait_begin(L, 1, wait_prepare(L));
  return suspend(L, 0, k_waited);
}

// The continuation of wait_field (obj at 1, key at 2, then what the wake-up
// brought): the field's one release point, unless a waker released it
// already and another task took it meanwhile.
int k_field_waited(lua_State* L, int, lua_KContext) {
  lua_pushvalue(L, 2);
  lua_rawget(L, 1);
  push_current_task(L);
  const bool mine = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  if (mine) {
    lua_pushvalue(L, 2);
    lua_pushnil(L);
    lua_rawset(L, 1);  // an existing key: allocates nothing
  }
  return lua_gettop(L) - 2;
}

// wait_field(obj, key) -> [exc]: the running task waits on the table obj,
// whose field `key` holds the task while it waits: the waker is
// wake_field(obj, key). A wait with no Future, for a source that has at most
// one waiter (a StreamReader's _waiter). What it waits on names its abort
// (wait.lua's registry), as for every wait. Answers what the wake-up
// brought: the error to raise, or nothing.
int l_wait_field(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 2);
  const std::uint64_t gen = wait_prepare(L);
  push_current_task(L);  // 3: the task
  lua_pushvalue(L, 2);
  lua_pushvalue(L, 3);
  lua_rawset(L, 1);  // may raise (memory) before the wait begins: nothing waits
  wait_begin(L, 1, gen, 3);
  lua_settop(L, 2);
  return suspend(L, 0, k_field_waited);
}

// wake_field(obj, key[, exc]) -> woke: wakes the task in obj[key] if it still
// waits on obj (wait_field), raising exc there unless exc is nil, and
// releases the field whether or not it woke anything, as CPython's reader
// lets go of its waiter future before it sets it.
int l_wake_field(lua_State* L) {
  lua_settop(L, 3);
  lua_pushvalue(L, 2);
  bool woke = false;
  if (lua_rawget(L, 1) == LUA_TTABLE) {  // 4: the task
    lua_State* co = coroutine_of(L, 4);
    if (co != nullptr) {
      push_waiter(L, 4);
      const bool on_obj = lua_rawequal(L, -1, 1);
      lua_pop(L, 1);
      woke = on_obj && wake(L, 4, wait_word(co).generation(), lua_isnil(L, 3) ? 0 : 3);
    }
    // Released even when nothing woke: a task that left the wait behind the
    // reader's back (cancelled, or finished by Future.set_result) must not
    // stay its waiter for good.
    lua_pushvalue(L, 2);
    lua_pushnil(L);
    lua_rawset(L, 1);
  }
  lua_pushboolean(L, woke);
  return 1;
}

// await_future(fut) -> [exc]: the running task waits on the pending Future
// fut. Its entry among fut's done callbacks (future.lua's CB, or its list
// _callbacks when CB or the list is taken: add_waiter's rule; a task there
// stands for its wake-up) is its waker; then the wait begins and the task
// yields AWAIT. All in C: no Lua instruction, where Ctrl-C's hook could
// raise, runs between registering and suspending, so a task never leaves a
// waker behind for a wait it did not begin. Answers what the wake-up
// brought: the error to raise, or nothing.
int l_await_future(lua_State* L) {
  lua_settop(L, 1);
  const std::uint64_t gen = wait_prepare(L);
  push_current_task(L);  // 2: the task
  // May raise (memory) before the entry exists: nothing waits.
  add_waiter(L, 1, 2);
  wait_begin(L, 1, gen, 2);
  lua_settop(L, 1);
  return suspend(L, 0, k_waited);
}

// wake(task, gen[, exc[, aborted]]) -> woke
int l_wake(lua_State* L) {
  lua_settop(L, 4);
  luaL_checktype(L, 1, LUA_TTABLE);
  auto gen = static_cast<std::uint64_t>(luaL_checkinteger(L, 2));
  lua_pushboolean(L, wake(L, 1, gen, lua_isnil(L, 3) ? 0 : 3, lua_toboolean(L, 4)));
  return 1;
}

// wake_waiting(task[, exc]) -> woke: wakes the task's current wait, for a
// waker that cannot be stale (a Future's done callback: the completion
// consumed its entry, and the task waits on nothing else meanwhile).
int l_wake_waiting(lua_State* L) {
  lua_settop(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushboolean(L, wake_waiting(L, 1, lua_isnil(L, 2) ? 0 : 2));
  return 1;
}

// wait_of(task) -> what, gen | nothing: the wait cancel() may abort (Waiting,
// its abort not spent).
int l_wait_of(lua_State* L) {
  lua_settop(L, 1);
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_State* co = coroutine_of(L, 1);
  if (co == nullptr) return 0;
  const WaitWord w = wait_word(co);
  if (w.state() != WaitState::Waiting || w.abort_spent()) return 0;
  push_waiter(L, 1);
  lua_pushinteger(L, static_cast<lua_Integer>(w.generation()));
  return 2;
}

// waiter_of(task) -> what | false: what the task waits on (push_waiter).
int l_waiter_of(lua_State* L) {
  lua_settop(L, 1);
  luaL_checktype(L, 1, LUA_TTABLE);
  push_waiter(L, 1);
  return 1;
}

// wait_spend(task, gen): the abort of wait `gen` failed; it is not called again.
int l_wait_spend(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  auto gen = static_cast<std::uint64_t>(luaL_checkinteger(L, 2));
  lua_State* co = coroutine_of(L, 1);
  if (co != nullptr && wait_word(co).generation() == gen) wait_word(co).bits |= kSpentBit;
  return 0;
}

// wait_state(task) -> "waiting" | "woken" | "aborted" | nil: where the task's
// current wait stands (for reprs: CPython shows the waiter's state).
int l_wait_state(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_State* co = coroutine_of(L, 1);
  if (co == nullptr) return 0;
  static const char* const names[] = {nullptr, "waiting", "woken", "aborted"};
  const char* s = names[wait_word(co).bits & kStateMask];
  if (s == nullptr) return 0;
  lua_pushstring(L, s);
  return 1;
}

// abandon_wait(fut): a task made done behind its back (Future.set_result
// applied to it) ends its wait: every waker is stale from now on, and its
// coroutine is dropped, so a step already scheduled finds nothing to resume.
// Anything else: nothing to do.
int l_abandon_wait(lua_State* L) {
  lua_settop(L, 1);
  if (!lua_istable(L, 1)) return 0;
  lua_State* co = coroutine_of(L, 1);
  if (co == nullptr) return 0;
  WaitWord& w = wait_word(co);
  w.bits = make_bits(w.generation() + 1, WaitState::None);
  lua_pushnil(L);
  lua_rawseti(L, 1, kFieldCo);
  return 0;
}

// can_wait() -> whether an await here may suspend the current task (a
// scope's __close that must wait asks first: TaskGroup's).
int l_can_wait(lua_State* L) {
  lua_pushboolean(L, can_wait(L));
  return 1;
}

}  // namespace

const luaL_Reg wait_funcs[] = {
    {"await_future", l_await_future}, {"wait_on", l_wait_on},       {"wake", l_wake},
    {"wake_waiting", l_wake_waiting}, {"wait_of", l_wait_of},       {"waiter_of", l_waiter_of},
    {"wait_field", l_wait_field},     {"wake_field", l_wake_field}, {nullptr, nullptr},
};

// K alone: these read no kernel upvalue but K (kernel.hpp's kOnlyState).
const luaL_Reg wait_k_funcs[] = {
    {"can_wait", l_can_wait},         {"wait_spend", l_wait_spend}, {"wait_state", l_wait_state},
    {"abandon_wait", l_abandon_wait}, {nullptr, nullptr},
};

}  // namespace luasync::kernel
