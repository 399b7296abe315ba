// The FIFO ready queue: what runs on the loop's next iteration.
//
// Invariants:
// - Two sets of three Lua tables (fn, a, b): call_soon appends to the
//   current set at 1..n[cur]; run_ready makes the other set current, then
//   runs and clears the one it took -- exactly the entries present when it
//   started, as asyncio's _run_once runs the handles _ready held then. The
//   indices restart at 1 every iteration, so they stay in the array part.
//   The one exception: schedule_step_in_batch appends a step to the batch
//   that runs (the stop of asyncio.run: wait_stop), which runs it last.
// - An entry whose error leaves run_ready (the runtime's own callbacks raise
//   only when out of memory; user callbacks run under xpcall, tasks in their
//   bodies' pcall) leaves the rest of its batch in the taken set
//   (Kernel::rest_first..rest_last): the next run_ready runs that rest as its
//   batch, before the current set, so no entry is lost and the order holds.
//   (run_ready never nests: a task's asyncio.run awaits, and run_until runs
//   only from the top -- the runner, the REPL, the module's asyncio.run.)
// - An entry is one of:
//     fn, a, b        fn(a, b) (a function; a due deadline's slots are
//                     copied in as such an entry: timers.cpp)
//     task            the task's next step (a table alone: one slot)
//     nil, task       a due sleep's wake-up (timers.cpp): wakes the task if it
//                     still waits. No generation is needed: the sleep's abort
//                     either cancels the deadline or finds it due, its wake-up
//                     already in this batch, where it sees the wait aborted,
//                     and the task can begin no other wait before its next
//                     step, which comes in a later batch. The entry writes
//                     nothing in the fn table: a batch of wake-ups (a million
//                     sleepers, all late) grows one table, not two.
//   A step that must raise is the entry resume_task, task, exc. (A first
//   step is a step: spawn's argument waits in the task's RESULT.)
//     FIRST, s, e     the first steps of live[s], live[s + 1] ... live[e]
//                     (FIRST a light userdata): unnamed tasks the kernel's
//                     spawn made one after another with nothing queued
//                     between them, each task anchored by `live` until it
//                     ends. Their entries would each have held a slot until
//                     the batch ended (W3: a million sleepers' first steps,
//                     16 MB at the peak) and cost a store and a clear. The
//                     range ending a set grows in Kernel::open_range_last
//                     alone; e is stored when another entry follows it or
//                     the set is taken (storing in an existing slot never
//                     allocates). Run, the range is Kernel::range_next ..
//                     range_last, stepped one task at a time as entries
//                     are; an error that leaves run_ready cuts it as it
//                     cuts a batch, and the next run_ready runs what is
//                     left of it first.
// - Before an entry joins a set, the jobs that worker threads finished
//   since the port was last read join it (Kernel::posted): a job that ended
//   while a step ran or blocked comes before what that step queues after.
// - A first step that waits for memory (step.cpp) leaves the queue for
//   K[kSlotParked] (park_first_step) and comes back at the end of it, in
//   the order it left, on relief, a cancellation or the shutdown
//   (unpark_first_steps).
#include <algorithm>

#include "kernel/entry_watch.hpp"
#include "kernel/kernel.hpp"
#include "kernel/lua_layout.hpp"
#include "kernel/open.hpp"
#include "kernel/prefetch_gate.hpp"
#include "kernel/wait.hpp"
#include "runtime/clock.hpp"
#include "runtime/loop.hpp"

namespace luasync::kernel {

namespace {

// Its address: the first slot of a range of first steps.
const char kFirstSteps = 0;

// [-0, +0] Stores the last SEQ of the range that ends set c (its last
// entry), if one does: it stops growing.
void close_range(lua_State* L, Kernel& k, int c) {
  if (!k.open_range[c]) return;
  lua_pushinteger(L, k.open_range_last[c]);
  lua_rawseti(L, up(L, kQ0 + 3 * c + 2), k.n[c]);
  k.open_range[c] = false;
}

}  // namespace

// The count grows only once an entry is stored: a store may raise (memory),
// and run_ready must never meet half an entry. (What a failed store left at
// the next index is overwritten by the next entry.)
void enqueue(lua_State* L) {
  KERNEL_STACK_MARK(L);
  Kernel& k = kernel(L);
  take_posted(L, k);
  close_range(L, k, k.cur);
  const lua_Integer i = k.n[k.cur] + 1;
  int set = kQ0 + 3 * k.cur;
  lua_rawseti(L, up(L, set + 2), i);
  lua_rawseti(L, up(L, set + 1), i);
  lua_rawseti(L, up(L, set), i);
  k.n[k.cur] = i;
  KERNEL_STACK_CHECK(L, -3);
}

// fn[i] is nil at an index past the count: run_ready clears the slots it
// takes, and enqueue stores fn last.
void enqueue_wake(lua_State* L) {
  KERNEL_STACK_MARK(L);
  Kernel& k = kernel(L);
  take_posted(L, k);
  close_range(L, k, k.cur);
  const lua_Integer i = k.n[k.cur] + 1;
  lua_rawseti(L, up(L, kQ0 + 3 * k.cur + 1), i);
  k.n[k.cur] = i;
  KERNEL_STACK_CHECK(L, -1);
}

namespace {
// [-0, +0] The body of schedule_step, which schedule_woken_step shares.
[[gnu::always_inline]] inline void append_step(lua_State* L, Kernel& k, int task) {
  take_posted(L, k);
  close_range(L, k, k.cur);
  const lua_Integer i = k.n[k.cur] + 1;
  lua_pushvalue(L, task);
  lua_rawseti(L, up(L, kQ0 + 3 * k.cur), i);
  k.n[k.cur] = i;
}
}  // namespace

void schedule_step(lua_State* L, int task) {
  KERNEL_STACK_MARK(L);
  append_step(L, kernel(L), task);
  KERNEL_STACK_CHECK(L, 0);
}

// Out of line (inlined, it made wake() too large to be inlined where it is
// hot: W2's Queue, ~100 instructions a round trip), and not a wrapper of
// schedule_step: a wrapper that tested the flags first and then jumped to
// schedule_step saved and restored two registers around its two tail jumps
// (~16 instructions a wake-up, W2 twice a round trip). Here the test comes
// after the entry is stored, where the kernel's address is at hand: debug
// mode's note (wait.hpp's note_step_origin) follows the entry as it did.
// Answers whether the wake-up is traced (the caller tells the trace the
// task is ready).
[[gnu::noinline]] bool schedule_woken_step(lua_State* L, int task) {
  KERNEL_STACK_MARK(L);
  Kernel& k = kernel(L);
  append_step(L, k, task);
  if (k.timed) [[unlikely]] {
    if (k.debug) note_step_origin(L, task);
    KERNEL_STACK_CHECK(L, 0);
    return k.trace;
  }
  KERNEL_STACK_CHECK(L, 0);
  return false;
}

// The batch's table of steps takes the task at the index after its last
// entry: that slot is free (run_ready clears the slots it takes, and the
// set's count restarted at 0 when run_ready took it), and rest_last moves
// on only once it is stored (a store may raise: memory). The entry is part
// of the rest should an error leave run_ready. The prefetch stages leave
// such an entry alone (run_ready gives them the batch's first end).
[[gnu::noinline]] void schedule_step_in_batch(lua_State* L, int task) {
  KERNEL_STACK_MARK(L);
  Kernel& k = kernel(L);
  if (k.batch_set < 0) {
    schedule_woken_step(L, task);
    return;
  }
  const lua_Integer i = k.rest_last + 1;
  lua_pushvalue(L, task);
  lua_rawseti(L, up(L, kQ0 + 3 * k.batch_set), i);
  k.rest_last = i;
  if (k.rest_first == 0) k.rest_first = i;
  if (k.debug) note_step_origin(L, task);
  KERNEL_STACK_CHECK(L, 0);
}

void schedule_first_step(lua_State* L, lua_Integer seq) {
  KERNEL_STACK_MARK(L);
  Kernel& k = kernel(L);
  take_posted(L, k);
  const int c = k.cur;
  if (k.open_range[c] && k.open_range_last[c] == seq - 1) {
    k.open_range_last[c] = seq;
    return;
  }
  close_range(L, k, c);
  const lua_Integer i = k.n[c] + 1;
  const int set = kQ0 + 3 * c;
  lua_pushinteger(L, seq);
  lua_rawseti(L, up(L, set + 2), i);
  lua_pushinteger(L, seq);
  lua_rawseti(L, up(L, set + 1), i);
  lua_pushlightuserdata(L, const_cast<char*>(&kFirstSteps));
  lua_rawseti(L, up(L, set), i);
  k.n[c] = i;
  k.open_range[c] = true;
  k.open_range_last[c] = seq;
  KERNEL_STACK_CHECK(L, 0);
}

// The parked first steps are the tasks K[kSlotParked][parked_first ..
// parked_last]. The count moves once the slot is stored: a store may raise
// (memory), and what it left beyond parked_last is overwritten by the next.
void park_first_step(lua_State* L, int task) {
  KERNEL_STACK_MARK(L);
  Kernel& k = kernel(L);
  const lua_Integer i = k.parked_last + 1;
  lua_rawgeti(L, up(L, kState), kSlotParked);
  lua_pushvalue(L, task);
  lua_rawseti(L, -2, i);
  lua_pop(L, 1);
  k.parked_last = i;
  ++k.parked_tasks;
  KERNEL_STACK_CHECK(L, 0);
}

// Each step leaves the list once its entry is in the ready queue, so that
// an error (memory) loses none.
void unpark_first_steps(lua_State* L) {
  KERNEL_STACK_MARK(L);
  Kernel& k = kernel(L);
  k.unpark = false;
  if (k.parked_tasks == 0) return;
  lua_rawgeti(L, up(L, kState), kSlotParked);
  const int list = lua_gettop(L);
  while (k.parked_first <= k.parked_last) {
    const lua_Integer i = k.parked_first;
    lua_rawgeti(L, list, i);
    schedule_step(L, list + 1);
    lua_settop(L, list);
    lua_pushnil(L);
    lua_rawseti(L, list, i);
    k.parked_first = i + 1;
    --k.parked_tasks;
  }
  k.parked_first = 1;  // empty again: the list's slots are reused from 1
  k.parked_last = 0;
  lua_pop(L, 1);
  KERNEL_STACK_CHECK(L, 0);
}

bool idle_with_parked(lua_State* L, Kernel& k, bool stalled) {
  if (!rationed_collection(L, k, stalled)) return false;
  if (!memory_relieved(L)) return false;
  unpark_first_steps(L);
  return true;
}

namespace {
// resume_task(task, exc): the entry of a step that raises exc at the await.
int l_resume_task(lua_State* L) {
  lua_settop(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  step(L, 1, 2, this_frame(L));
  return 0;
}
}  // namespace

[[gnu::noinline]] void schedule_step_raising(lua_State* L, int task, int exc) {
  KERNEL_STACK_MARK(L);
  lua_rawgeti(L, up(L, kState), kSlotResumeTask);
  lua_pushvalue(L, task);
  lua_pushvalue(L, exc);
  enqueue(L);
  if (kernel(L).debug) note_step_origin(L, task);
  KERNEL_STACK_CHECK(L, 0);
}

namespace {
// See Kernel::memory_news.
void act_on_memory_news(lua_State* L, Kernel& k) {
  const bool pressure = k.memory_news == Kernel::MemoryNews::Pressure;
  k.memory_news = Kernel::MemoryNews::None;
  if (pressure != k.fast_collector) {
    k.fast_collector = pressure;
    lua_gc(L, LUA_GCINC, pressure ? 100 : k.gc_pause, 0, 0);
  }
  if (!pressure) {
    if (k.parked_tasks != 0) unpark_first_steps(L);
    return;
  }
  rationed_collection(L, k, false);
}
}  // namespace

namespace {
// [-0, +0] Debug mode or tracing: the entry at `what` (a task, or the
// function of an entry whose first value is at `a`, 0 for none) ran since
// t0. Tracing hands every entry to trace_step(what, a, t0, t1); debug mode
// reports one that ran at least the slow-step threshold with
// slow_step(what, a, seconds, t0) (asyncio/trace.lua, asyncio/debug.lua).
// [-0, +0] fn(what, a or nil, x, y, b or nil) under pcall, b the entry's
// second value (a done callback's future): a report must not end the loop,
// so an error in it (memory) is dropped.
void report_entry(lua_State* L, LuaFn fn, int what, int a, double x, double y, int b) {
  push_lua_fn(L, fn);
  lua_pushvalue(L, what);
  if (a) {
    lua_pushvalue(L, a);
  } else {
    lua_pushnil(L);
  }
  lua_pushnumber(L, x);
  lua_pushnumber(L, y);
  if (b) {
    lua_pushvalue(L, b);
  } else {
    lua_pushnil(L);
  }
  if (lua_pcall(L, 5, 0, 0) != LUA_OK) lua_pop(L, 1);
}

}  // namespace

void trace_wake(lua_State* L, int task) {
  task = lua_absindex(L, task);
  push_lua_fn(L, LuaFn::TraceWake);
  lua_pushvalue(L, task);
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) lua_pop(L, 1);
}

void trace_ready(lua_State* L, int task) {
  task = lua_absindex(L, task);
  push_lua_fn(L, LuaFn::TraceReady);
  lua_pushvalue(L, task);
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) lua_pop(L, 1);
}

namespace {
// A set's tables keep the array their largest batch grew, empty once the
// batch ran: a million tasks woken at once leave 32 MB in the arrays of
// their wake-ups, and 16 MB in that of their steps, that nothing needs until
// such a batch comes again (W3's peak comes in the batches that follow
// theirs). So once a set has held a batch this large, its tables let go of
// it: Lua resizes a table's parts only when a new key finds no room, and a
// key added to an empty hash part never does, so one key added and removed
// sizes the table to what it holds, nothing. A next batch as large grows the
// arrays again by doubling, and each doubling is a new array, fresh pages
// the kernel must clear (W1: 5% of its time).
// Unless such a batch is already coming: while the batch just run filled
// the other set with at least half as many entries -- N tasks spawned, then
// their N wake-ups, then their N callbacks (W1) -- the set that ran keeps its
// arrays for the next. Room is kept only while the queue holds as much, and
// a set that kept it lets go at its first smaller batch.
constexpr lua_Integer kShrinkBatch = 4096;

// The tables given as arguments let go of the room their emptied slots keep.
int l_shrink_tables(lua_State* L) {
  for (int t = lua_gettop(L); t >= 1; --t) {
    lua_pushboolean(L, 1);
    lua_setfield(L, t, "shrink");
    lua_pushnil(L);
    lua_setfield(L, t, "shrink");
  }
  return 0;
}

// [-0, +0] Shrinks the tables of the ready set at upvalue `set`.
void shrink_set(lua_State* L, int set) {
  const int ups[] = {set, set + 1, set + 2};
  shrink_tables(L, ups, 3);
}
}  // namespace

void shrink_tables(lua_State* L, const int* ups, int n) {
  lua_pushcfunction(L, l_shrink_tables);
  for (int t = 0; t < n; ++t) lua_pushvalue(L, up(L, ups[t]));
  if (lua_pcall(L, n, 0, 0) != LUA_OK) lua_pop(L, 1);
}

namespace {
// [-0, +n] Pushes slots 1..n (a, then b) of entry i of the set at upvalue
// `set`, which let go of them.
void take_slots(lua_State* L, int set, lua_Integer i, int n) {
  for (int t = 1; t <= n; ++t) {
    lua_rawgeti(L, up(L, set + t), i);
    lua_pushnil(L);
    lua_rawseti(L, up(L, set + t), i);
  }
}

// A large batch -- a million sleepers waking, W3 -- visits tasks whose
// tables and coroutines nothing touched for a long while, in an order that
// is not the order they were made in: each entry used to wait for a cache
// miss, then for the next, in turn. The batch is known before it runs, so
// the memory an entry will read is requested while the entries before it
// run, in stages, each finding its addresses in what the stage before it
// fetched (lua_layout.hpp): the task's table header kAheadTable entries
// ahead, its fields (the array part: boundary.hpp's Field) kAheadFields
// ahead, its coroutine (the lua_State and
// the wait word in its extra space) kAheadCo ahead, and for a step, which
// resumes it, the coroutine's current call and stack kAheadStack ahead.
// (A first step's task has no coroutine yet; of a function's entry, fn(a,
// b), only a's table, if a is one: gather's child, say.) This only reads
// (raw gets: no metamethod, no allocation, no error).
constexpr lua_Integer kAheadTable = 16;
constexpr lua_Integer kAheadFields = 8;
constexpr lua_Integer kAheadCo = 4;
constexpr lua_Integer kAheadStack = 2;
// The stack lines a suspended task's step reads first: its body's C frame,
// the Lua function that awaited and the await's frame above it.
constexpr int kStackLines = 6;

// What entry j of a set is, as its first slot tells: a task's step (the
// task), a wake-up (nil) or a function.
enum class EntryKind : std::uint8_t { Other, Step, Wake };

EntryKind kind_of(int type) {
  switch (type) {
    case LUA_TTABLE:
      return EntryKind::Step;
    case LUA_TNIL:
      return EntryKind::Wake;
    default:
      return EntryKind::Other;
  }
}

// [-0, +0] The coroutine of the task of entry j, a step or a wake-up, if it
// has one. It stays alive until entry j has run: the queue holds the task,
// the task its coroutine.
lua_State* coroutine_of_entry(lua_State* L, int set, lua_Integer j, EntryKind kind) {
  const bool task = lua_rawgeti(L, up(L, kind == EntryKind::Step ? set : set + 1), j) == LUA_TTABLE;
  lua_State* co = task ? coroutine_of(L, lua_gettop(L)) : nullptr;
  lua_pop(L, 1);
  return co;
}

void prefetch_lines(const void* p, int lines) {
  for (int l = 0; l < lines; ++l) __builtin_prefetch(static_cast<const char*>(p) + 64 * l);
}

// The stages for the entries ahead of entry i of a batch that ends at `last`.
// What the first stage found of an entry -- its kind, its task's header --
// waits in a ring for the later ones: the queue holds the tables until their
// entries have run, and no entry of a batch changes (call_soon appends to
// the other set). A coroutine is looked up again at each stage that needs
// it: an entry before its own may end its task.
//
// Only where it pays (prefetch_gate.hpp): not for a batch that visits its
// tasks in the order they were made.
class Prefetcher {
 public:
  explicit Prefetcher(lua_Integer first) : gate_(first + kAheadTable) {}

  void ahead(lua_State* L, int set, lua_Integer i, lua_Integer last) {
    const lua_Integer j = i + kAheadTable;
    if (j <= last && gate_.wants(j)) look(L, set, j);
    if (!gate_.active()) return;
    if (i + kAheadFields <= last && looked(i + kAheadFields)) {
      if (const void* table = tables_[slot(i + kAheadFields)]) {
        if (const void* fields = lua_layout::table_array(table)) prefetch_lines(fields, 2);
      }
    }
    const EntryKind co_kind =
        i + kAheadCo <= last && looked(i + kAheadCo) ? kinds_[slot(i + kAheadCo)] : EntryKind::Other;
    if (co_kind == EntryKind::Step || co_kind == EntryKind::Wake) {
      if (lua_State* co = coroutine_of_entry(L, set, i + kAheadCo, co_kind)) {
        __builtin_prefetch(lua_getextraspace(co));
        prefetch_lines(co, 4);
      }
    }
    if (i + kAheadStack <= last && looked(i + kAheadStack) && kinds_[slot(i + kAheadStack)] == EntryKind::Step) {
      step_ahead(L, set, i + kAheadStack);
    }
  }

 private:
  static std::size_t slot(lua_Integer j) { return static_cast<std::size_t>(j) % kAheadTable; }
  bool looked(lua_Integer j) const { return gate_.looked(j); }

  // The first stage: entry j's kind, and its task's header, requested (when
  // the stages run); where its table lies goes to the gate.
  void look(lua_State* L, int set, lua_Integer j) {
    const int type = lua_rawgeti(L, up(L, set), j);
    const EntryKind kind = kind_of(type);
    const void* table = nullptr;
    if (kind == EntryKind::Step) {
      table = lua_topointer(L, -1);
    } else {
      lua_pop(L, 1);
      if (lua_rawgeti(L, up(L, set + 1), j) == LUA_TTABLE) table = lua_topointer(L, -1);
    }
    lua_pop(L, 1);
    if (gate_.active()) {
      if (table != nullptr) __builtin_prefetch(table);
      kinds_[slot(j)] = kind;
      tables_[slot(j)] = table;
    }
    gate_.saw(j, reinterpret_cast<std::uintptr_t>(table));
  }

  // The last stage, for a step: the coroutine's call and stack, and the
  // task's slot in `live` (an array indexed by SEQ), which a task that ends
  // empties (finish.cpp). The live table stays for the state's life (K holds
  // it); its array may move as it grows, so it is read each time. A task
  // whose SEQ is not in the array part makes a useless request.
  void step_ahead(lua_State* L, int set, lua_Integer j) {
    if (lua_rawgeti(L, up(L, set), j) != LUA_TTABLE) {
      lua_pop(L, 1);
      return;
    }
    const int task = lua_gettop(L);
    if (lua_State* co = coroutine_of(L, task)) {
      __builtin_prefetch(lua_layout::thread_call(co));
      prefetch_lines(lua_layout::thread_stack(co), kStackLines);
    }
    const lua_Integer seq = lua_rawgeti(L, task, kFieldSeq) == LUA_TNUMBER ? lua_tointeger(L, -1) : 0;
    lua_pop(L, 2);
    if (seq <= 0) return;
    if (live_ == nullptr) {
      if (lua_rawgeti(L, up(L, kState), kSlotLive) == LUA_TTABLE) live_ = lua_topointer(L, -1);
      lua_pop(L, 1);
      if (live_ == nullptr) return;
    }
    const auto* array = static_cast<const char*>(lua_layout::table_array(live_));
    if (array != nullptr) __builtin_prefetch(array + 16 * static_cast<std::size_t>(seq - 1));
  }

  PrefetchGate gate_;
  const void* live_ = nullptr;
  // Not cleared: a slot is read only once look() wrote it (looked).
  // Clearing them cost every batch a 144-byte fill, most batches one entry
  // long (W2: two a round trip, ~1.5% of its time in `perf`).
  EntryKind kinds_[kAheadTable];
  const void* tables_[kAheadTable];
};

// [-0, +0] A timed entry begins (debug mode, tracing, live inspection):
// sets Kernel::entry_start, the loop's clock now, and answers it; tells
// live inspection what runs (entry_watch.hpp, which publishes that same
// start): the step of the task at `task`, or (0) a callback, or nothing of
// the user's (kind None: a wake-up).
double start_entry(lua_State* L, Kernel& k, int task, RunningKind kind) {
  const Clock& clock = k.loop->clock();
  k.entry_start = clock.now();
  // (Set at every timed entry: debug mode may come on during it, and its
  // end then reads this. The real clock's work is its time.)
  k.entry_work_start = clock.kind() == ClockKind::Virtual ? clock.work() : k.entry_start;
  if (k.entry_watch != nullptr) entry_begins(L, k, task, kind);
  return k.entry_start;
}

// [-0, +0] A callback fn(a, ...) whose `a` (at index a) is a Task stands for
// that task's step, as debug mode reports it (resume_task(task, exc): a step
// that raises): starts as the task's, else as a callback.
double start_callback(lua_State* L, Kernel& k, int a) {
  if (k.entry_watch != nullptr && lua_type(L, a) == LUA_TTABLE && lua_getmetatable(L, a)) {
    lua_rawgeti(L, up(L, kState), kSlotTaskMt);
    const bool task = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    if (task) return start_entry(L, k, a, RunningKind::Task);
  }
  return start_entry(L, k, 0, RunningKind::Callback);
}

// [-0, +0] The timed entry that began at t0 ended; `did` false: it did
// nothing to report (a first step that went on waiting for memory: a
// REPL's trace would record each of thousands again).
void after_entry(lua_State* L, Kernel& k, int what, int a, double t0, int b = 0, bool did = true) {
  const double t1 = k.loop->clock().now();
  if (k.entry_watch != nullptr) entry_ends(k, t1);
  if (!did) return;
  if (k.trace) report_entry(L, LuaFn::TraceStep, what, a, t0, t1, b);
  if (k.debug) {
    // Under the virtual clock a step that computed or blocked (other than
    // time.sleep) took no virtual time, and is slow all the same: measured
    // on the work clock then. One slow on the loop's clock keeps that exact
    // time (a virtual time.sleep(0.15) took 0.150 seconds).
    double took = t1 - t0;
    const Clock& clock = k.loop->clock();
    if (took < k.slow_step && clock.kind() == ClockKind::Virtual) took = clock.work() - k.entry_work_start;
    if (took >= k.slow_step) report_entry(L, LuaFn::SlowStep, what, a, took, k.entry_work_start, b);
  }
}

// [-0, +0] Runs the first steps of the range Kernel::range_next ..
// range_last, each as the entry of its task would run: the one whose step
// runs has left the range first, so that an error leaving it leaves the
// rest. (`live` holds each task of the range until it ends, which takes a
// step: a SEQ found empty there would be passed over, as step() passes over
// a task that is done.)
void run_first_steps(lua_State* L, Kernel& k, bool timed, const void* frame) {
  lua_rawgeti(L, up(L, kState), kSlotLive);
  const int live = lua_gettop(L);
  while (k.range_next != 0) {
    if (k.memory_news != Kernel::MemoryNews::None) act_on_memory_news(L, k);
    if (k.cycle_ended) pace_collector(L, k);
    const lua_Integer seq = k.range_next;
    k.range_next = seq < k.range_last ? seq + 1 : 0;
    if (lua_rawgeti(L, live, seq) == LUA_TTABLE) {
      const lua_Integer parked = k.parked_tasks;
      lua_pushnil(L);
      const double t0 = timed ? start_entry(L, k, live + 1, RunningKind::Task) : 0;
      step(L, live + 1, live + 2, frame);
      if (timed) after_entry(L, k, live + 1, 0, t0, 0, k.parked_tasks == parked);
    }
    lua_settop(L, live);
  }
  lua_pop(L, 1);
}
}  // namespace

void run_ready(lua_State* L, const void* frame) {
  const int base = lua_gettop(L);
  Kernel& k = kernel(L);
  int taken;
  lua_Integer first, last;
  if (k.rest_first != 0) {
    taken = 1 - k.cur;
    first = k.rest_first;
    last = k.rest_last;
  } else {
    taken = k.cur;
    first = 1;
    last = k.n[taken];
    close_range(L, k, taken);  // the set's last entry, if it is a range, stops growing
    k.cur = 1 - taken;
    k.n[taken] = 0;
  }
  k.rest_last = last;
  k.batch_set = taken;
  const int set = kQ0 + 3 * taken;
  // Debug mode, tracing and live inspection time each entry (Kernel::timed,
  // read once a batch: turning one on from an entry takes effect at the
  // next).
  const bool timed = k.timed;
  // The allocator sees relief when it grows the heap; a program whose use
  // fell (a collection) and that then takes only blocks at hand would not
  // get its collector's pace back: looked at once a batch while it runs fast.
  // A Pressure news not acted on yet may be stale (a task went beyond the
  // limit, then the program collected: collectgarbage() after the failure):
  // relief, seen here, replaces it.
  if (k.fast_collector && k.memory_news != Kernel::MemoryNews::Relief) memory_relieved(L);
  if (k.range_next != 0) run_first_steps(L, k, timed, frame);  // what an error left of a range
  Prefetcher prefetcher(first);
  // (k.rest_last: the batch's end, which schedule_step_in_batch may move
  // on while it runs; `last` stays its first end, for the prefetch stages.)
  for (lua_Integer i = first; i <= k.rest_last; ++i) {
    k.rest_first = i;  // should the collection below raise, entry i is still there
    if (k.memory_news != Kernel::MemoryNews::None) act_on_memory_news(L, k);
    if (k.cycle_ended) pace_collector(L, k);
    prefetcher.ahead(L, set, i, last);
    const int type = lua_rawgeti(L, up(L, set), i);
    k.rest_first = i < k.rest_last ? i + 1 : 0;
    // A first step that went on waiting for memory did nothing: it is not
    // reported (after_entry).
    const lua_Integer parked = k.parked_tasks;
    if (type != LUA_TNIL) {
      lua_pushnil(L);
      lua_rawseti(L, up(L, set), i);
    }
    if (type == LUA_TTABLE) {
      lua_pushnil(L);
      const double t0 = timed ? start_entry(L, k, base + 1, RunningKind::Task) : 0;
      step(L, base + 1, base + 2, frame);
      if (timed) after_entry(L, k, base + 1, 0, t0, 0, k.parked_tasks == parked);
    } else if (type == LUA_TLIGHTUSERDATA) {
      take_slots(L, set, i, 2);
      k.range_next = lua_tointeger(L, base + 2);
      k.range_last = lua_tointeger(L, base + 3);
      lua_settop(L, base);
      run_first_steps(L, k, timed, frame);
    } else if (type == LUA_TNIL) {
      take_slots(L, set, i, 1);
      const double t0 = timed ? start_entry(L, k, 0, RunningKind::None) : 0;
      wake_waiting(L, base + 2);
      if (timed) {
        // Reported as the entry wake_entry(task) it stands for.
        lua_rawgeti(L, up(L, kState), kSlotWakeEntry);
        lua_replace(L, base + 1);
        after_entry(L, k, base + 1, base + 2, t0);
      }
    } else {
      take_slots(L, set, i, 2);
      if (timed) {
        // The function and its values stay below the call, for the report.
        lua_pushvalue(L, base + 1);
        lua_pushvalue(L, base + 2);
        lua_pushvalue(L, base + 3);
        lua_rotate(L, base + 1, 3);
      }
      const double t0 = timed ? start_callback(L, k, base + 2) : 0;
      lua_call(L, 2, 0);
      if (timed) after_entry(L, k, base + 1, base + 2, t0, base + 3);
    }
    lua_settop(L, base);
  }
  k.rest_first = 0;
  k.batch_set = -1;
  lua_Integer& held = k.held[taken];
  held = std::max(held, k.rest_last - first + 1);
  if (held >= kShrinkBatch && 2 * k.n[k.cur] < held) {
    shrink_set(L, set);
    held = 0;
  }
  settle(L);
  if (k.fresh_held >= kShrinkSlots && 4 * (k.n[0] + k.n[1]) < k.fresh_held) let_go_of_fresh(L, k);
  KERNEL_STACK_CHECK_AT(L, base);
}

namespace {
// call_soon(fn, a, b)
int l_call_soon(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 3);
  enqueue(L);
  return 0;
}

// call_soon_step(task): the task's next step (its first, when it is made).
int l_call_soon_step(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  schedule_step(L, 1);
  return 0;
}

// The continuation of wait_stop: an error above nothing is the
// cancellation its step raises.
int k_stopped(lua_State* L, int, lua_KContext) {
  if (lua_gettop(L) > 0 && !lua_isnil(L, 1)) {
    lua_settop(L, 1);
    return lua_error(L);
  }
  return 0;
}

// wait_stop(): the running task waits as asyncio.run does once its main
// coroutine is done: CPython's run_until_complete stops the loop from the
// task's done callback, which call_soon queued (stop_marker here), and the
// loop then ends the iteration under way: every entry of the next batch
// runs, the ones queued after the marker too, what the timers and I/O that
// came due add to it too, and none of the batch after. So the task's step
// comes at the end of the batch the marker runs in, and what the task does
// next (cancel what is left) comes before anything that batch queued. The
// wait is on nothing: a cancel() meanwhile raises at that step.
int l_wait_stop(lua_State* L) {
  const std::uint64_t gen = wait_prepare(L);
  lua_settop(L, 0);
  lua_rawgeti(L, up(L, kState), kSlotStopMarker);
  lua_pushinteger(L, static_cast<lua_Integer>(gen));
  push_current_task(L);
  enqueue(L);
  wait_begin(L, 0, gen);
  return suspend(L, 0, k_stopped);
}

// stop_marker(gen, task): wait_stop's entry. (The generation first: debug
// mode and tracing take an entry whose first value is a task for that
// task's step.)
int l_stop_marker(lua_State* L) {
  luaL_checktype(L, 2, LUA_TTABLE);
  wake(L, 2, static_cast<std::uint64_t>(luaL_checkinteger(L, 1)), 0, false, true);
  return 0;
}

// parked_tasks() -> n: tasks whose first step waits for memory.
int l_parked_tasks(lua_State* L) {
  lua_pushinteger(L, kernel(L).parked_tasks);
  return 1;
}
}  // namespace

extern const luaL_Reg ready_queue_funcs[] = {
    {"call_soon", l_call_soon}, {"call_soon_step", l_call_soon_step}, {"resume_task", l_resume_task},
    {"wait_stop", l_wait_stop}, {"stop_marker", l_stop_marker},       {nullptr, nullptr},
};

// K alone: these read no kernel upvalue but K (kernel.hpp's kOnlyState).
extern const luaL_Reg ready_queue_k_funcs[] = {
    {"parked_tasks", l_parked_tasks},
    {nullptr, nullptr},
};

}  // namespace luasync::kernel
