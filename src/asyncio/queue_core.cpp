// asyncio's Queue, PriorityQueue and LifoQueue (CPython 3.13
// Lib/asyncio/queues.py): the state and every operation of a queue, in C++.
// queues.lua keeps the classes, construction, join, the repr, and the order
// of a PriorityQueue's items (`less`); its heap is priority_heap.cpp.
// get() and put() return ops (kernel/ops.hpp) whose steps are below.
//
// Why: a queue's counters and waiter runs used to be Lua-table fields, and
// from C each field read or write through the API costs ~100 instructions;
// W2 (two tasks passing a token through two Queues) spent a third of its
// time there. A QueueCore keeps them in one C++ struct.
//
// Invariants:
// - A queue (a Lua table of its class) holds its QueueCore at [1]. The
//   core's user values are the items, getters and putters tables, the
//   finished Event (locks.lua), which is set exactly when unfinished == 0,
//   and the generation buffers of the two runs of waiters.
// - Items are items[h..t]: a FIFO takes from h, a LIFO from t, a priority
//   queue keeps a heap in [1..t]. A run restarts at 1, 0 whenever it
//   empties, and moves down to 1 when its head has climbed past its size
//   (compact), so its indices stay bounded by twice its largest size.
// - Getters and putters are runs of waits (kernel/wait.hpp): a task, and
//   beside it in a C buffer the generation of its wait and its number in the
//   run (Waiters), no Future. An entry whose wait is no longer current -- it
//   was cancelled -- stays in the run until its task runs and removes it, or
//   a wake-up passes it and drops it (wake() says it is stale), as asyncio's
//   cancelled waiter futures stay in its deques. wake_first removes the
//   entry it wakes.
// - A waiter leaves the middle of its run at O(log n), not by a search and
//   a shift of the tail (cancelling every other one of 40,000 getters took
//   11 s, now 0.3 s; CPython, whose deque.remove searches, 4 s): its task
//   finds its entry by its number (numbers only grow along a run: a binary
//   search), and leaves a blank (false, generation kBlank) that head and
//   tail removals skip and compaction drops, once the blanks outnumber the
//   entries. Blanks never reorder the entries: the events are asyncio's.
// - A waiter is only woken: it takes its turn itself when it runs (the step
//   again). A getter cancelled after it was woken takes nothing and passes
//   the turn on, so no item is ever lost.
#include "asyncio/queue_core.hpp"

#include <cstring>
#include <new>

#include "asyncio/priority_heap.hpp"
#include "kernel/kernel.hpp"
#include "kernel/ops.hpp"
#include "kernel/wait.hpp"
#include "lua/errors.hpp"
#include "lua/runtime_modules.hpp"

namespace luasync {

using namespace kernel;

namespace {

// The upvalues of the queue bindings, after the kernel's (register_funcs).
// The op steps run in the frame of the kernel's await, which has only the
// kernel's upvalues: they must not use these.
enum QueueUpvalue : int {
  kCoreMt = kKernelUpvalues + 1,  // metatable of queue cores
  kQueueExtra = kCoreMt - kKernelUpvalues
};

enum class Order : std::uint8_t { Fifo, Lifo, Priority };

// Indices of a run of entries stored in a Lua table at [h..t].
struct Run {
  lua_Integer h = 1, t = 0;
  bool empty() const { return t < h; }
  lua_Integer size() const { return t - h + 1; }
};

// User values of a QueueCore.
enum CoreValue : int {
  kItems = 1,
  kGetters,
  kPutters,
  kFinished,
  kGetterSlots,
  kPutterSlots,
  kCoreValues = kPutterSlots
};

// What a run of waiters keeps of entry i beside the task at [i] of its table.
struct Slot {
  std::uint64_t gen;  // of the task's wait, or kBlank: the entry left
  std::uint64_t seq;  // its number in the run: grows from head to tail
};
// Wait generations stay below 2^57 (kernel/wait.hpp's word keeps 7 bits).
constexpr std::uint64_t kBlank = ~std::uint64_t{0};
// A waiter's number travels in its wait's continuation context.
static_assert(sizeof(lua_KContext) >= sizeof(std::uint64_t), "a waiter's number fits in a continuation context");

// A run of waiters, stored in a Lua table at [h..t] (tasks, false for a
// blank), their slots at the same indices in a userdata buffer (a user value
// of the core, so it lives as long as the core; Lua never moves a userdata,
// so the pointer stays valid until it is replaced).
// Invariants: n counts the entries (not blank) in [h..t], blanks the blank
// slots; the slots at h and t are entries unless the run is empty, and h, t
// restart at 1, 0 when it empties. Compaction (at a push, or once the blanks
// outnumber the entries by 32) moves the entries down to 1..n and drops the
// blanks: each blank is skipped or dropped once, so leaving costs O(1)
// amortized besides the search, and the indices stay bounded by a few times
// the run's largest size.
struct Waiters {
  lua_Integer h = 1, t = 0;
  lua_Integer n = 0, blanks = 0;
  std::uint64_t next_seq = 1;
  Slot* slots = nullptr;
  lua_Integer cap = 0;  // slots 1..cap
  bool empty() const { return n == 0; }
};

// What a QueueCore begins with, which check_queue compares.
constexpr std::uint64_t kCoreTag = 0x726f436575657551;  // "QueueCor" in memory (little-endian)

struct QueueCore {
  std::uint64_t tag = kCoreTag;
  Run items;
  Waiters getters, putters;
  lua_Integer unfinished = 0;  // puts not yet matched by task_done
  lua_Number maxsize = 0;      // > 0: bounded
  Order order = Order::Fifo;
  bool shutdown = false;
  bool comparing = false;  // a PriorityQueue's Lua comparison (__lt) runs: its items must not change

  bool full() const { return maxsize > 0 && static_cast<lua_Number>(items.size()) >= maxsize; }
  Waiters& waiters(int which) { return which == kGetters ? getters : putters; }
};

std::uint8_t get_kind, put_kind;

inline QueueCore* core_at(lua_State* L, int i) { return static_cast<QueueCore*>(lua_touserdata(L, i)); }

// [-?, +1] Checks that the value at index 1 is a queue, sets the stack to
// nargs arguments, and pushes the queue's core (at nargs + 1). `method`
// names the caller in the error.
QueueCore* check_queue(lua_State* L, const char* method, int nargs) {
  const int type = lua_type(L, 1);
  if (type == LUA_TNONE) self_error(L, method, "Queue", "q");
  if (lua_gettop(L) != nargs) lua_settop(L, nargs);
  // Its size and its tag identify a core: Lua code cannot write a
  // userdata's bytes, and every userdata has at least as many as its size
  // says. (luaL_checkudata's way, the metatable, cost three API calls more,
  // four times a W2 round trip.)
  if (type == LUA_TTABLE && lua_rawgeti(L, 1, 1) == LUA_TUSERDATA && lua_rawlen(L, -1) == sizeof(QueueCore)) {
    QueueCore* q = core_at(L, -1);
    if (q->tag == kCoreTag) return q;
  }
  self_error(L, method, "Queue", "q");
  return nullptr;
}

// Drops the head (FIFO) or the tail (LIFO) of the items, stored in the
// table at d.
void remove_end(lua_State* L, int d, Run& run, bool head) {
  lua_pushnil(L);
  lua_rawseti(L, d, head ? run.h : run.t);
  if (run.h == run.t) {
    run = Run{};
  } else if (head) {
    ++run.h;
  } else {
    --run.t;
  }
}

// Whether a run of `size` slots from h should move down to 1 before a push,
// once at least as many have left its head as it holds: a run that never
// empties -- two consumers taking turns -- would otherwise climb through
// ever larger indices, out of the table's array part and, for waiters,
// through an ever larger slot buffer. Each entry moves once per that many
// removals: O(1) amortized.
bool head_climbed(lua_Integer h, lua_Integer size) { return h > 16 && h - 1 >= size; }

// Moves the items (in the table at d) down to start at 1 if head_climbed.
void compact(lua_State* L, int d, Run& run) {
  const lua_Integer n = run.size();
  if (!head_climbed(run.h, n)) return;
  for (lua_Integer j = 0; j < n; ++j) {
    lua_rawgeti(L, d, run.h + j);
    lua_rawseti(L, d, 1 + j);
    lua_pushnil(L);
    lua_rawseti(L, d, run.h + j);
  }
  run.h = 1;
  run.t = n;
}

// Moves the entries of the waiters `w` (in the table at d) down to 1..n, in
// their order, dropping the blanks.
void compact_waiters(lua_State* L, int d, Waiters& w) {
  lua_Integer j = 0;
  for (lua_Integer i = w.h; i <= w.t; ++i) {
    if (w.slots[i].gen == kBlank) continue;
    if (++j == i) continue;
    lua_rawgeti(L, d, i);
    lua_rawseti(L, d, j);
    w.slots[j] = w.slots[i];
  }
  for (lua_Integer i = j + 1 > w.h ? j + 1 : w.h; i <= w.t; ++i) {
    lua_pushnil(L);
    lua_rawseti(L, d, i);
  }
  w.h = 1;
  w.t = j;
  w.blanks = 0;
}

// Moves the head (step 1) or the tail (step -1) of the waiters `w` (in the
// table at d), whose entry there left, to the next entry, dropping the
// blanks between. Out of line: W2 never needs it.
[[gnu::noinline]] void advance_end(lua_State* L, int d, Waiters& w, lua_Integer step) {
  lua_Integer i = (step == 1 ? w.h : w.t) + step;
  for (; w.slots[i].gen == kBlank; i += step) {
    lua_pushnil(L);
    lua_rawseti(L, d, i);
    --w.blanks;
  }
  if (step == 1) {
    w.h = i;
  } else {
    w.t = i;
  }
}

// Drops the head (or the tail) of the non-empty waiters `w` (in the table
// at d), and the blanks after (before) it: the end is an entry again.
inline void remove_end_waiter(lua_State* L, int d, Waiters& w, bool head) {
  lua_pushnil(L);
  lua_rawseti(L, d, head ? w.h : w.t);
  if (--w.n == 0) {  // it was the one slot (h and t are entries): no blank
    w.h = 1;
    w.t = 0;
  } else {
    advance_end(L, d, w, head ? 1 : -1);
  }
}

// remove_end_waiter of the head, out of line: wake_first stays small
// enough that the compiler inlines wake() into it (inlined here, it did
// not: W2 took ~120 instructions more a round trip, 1%).
[[gnu::noinline]] void pop_head(lua_State* L, int d, Waiters& w) { remove_end_waiter(L, d, w, true); }

// Drops entry i of the waiters `w` (in the table at d): at the head or the
// tail the run shrinks past the blanks beside it; elsewhere it leaves a
// blank, and the run compacts when the blanks outnumber the entries.
void remove_waiter(lua_State* L, int d, Waiters& w, lua_Integer i) {
  if (i == w.h || i == w.t) {
    remove_end_waiter(L, d, w, i == w.h);
    return;
  }
  lua_pushboolean(L, 0);  // false, not nil: the table keeps its array part
  lua_rawseti(L, d, i);
  w.slots[i].gen = kBlank;
  --w.n;
  if (++w.blanks > w.n + 32) compact_waiters(L, d, w);
}

// The index of the entry numbered seq in the waiters `w`, or 0 when it
// left (a wake-up removed it, or passed it as stale).
lua_Integer find_waiter(const Waiters& w, std::uint64_t seq) {
  if (w.empty()) return 0;
  lua_Integer lo = w.h, hi = w.t;
  while (lo <= hi) {
    const lua_Integer mid = lo + (hi - lo) / 2;
    const Slot& s = w.slots[mid];
    if (s.seq == seq) return s.gen == kBlank ? 0 : mid;
    if (s.seq < seq) {
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return 0;
}

// Wakes the first wait still current in run `which` of the core at c (the
// task runs on a later loop iteration, as after asyncio's future
// callbacks), dropping the stale entries before it. False when none waits.
// One function for each run, which it knows (the compiler made these
// copies itself of the smaller wake_first before blanks; W2: ~40
// instructions a round trip fewer than one function for both).
template <int which>
bool wake_first(lua_State* L, int c, QueueCore* q) {
  Waiters& run = q->waiters(which);
  if (run.empty()) return false;
  const int top = lua_gettop(L);
  KERNEL_STACK_MARK(L);
  lua_getiuservalue(L, c, which);
  const int d = top + 1, task = top + 2;
  while (!run.empty()) {
    lua_rawgeti(L, d, run.h);
    const std::uint64_t gen = run.slots[run.h].gen;
    pop_head(L, d, run);
    if (wake(L, task, gen, 0)) {
      // Tracing: an arrow from the task that put (got) to the one it woke.
      if (kernel::kernel(L).trace) trace_wake(L, task);
      lua_settop(L, top);
      KERNEL_STACK_CHECK(L, 0);
      return true;
    }
    lua_settop(L, d);
  }
  lua_settop(L, top);
  KERNEL_STACK_CHECK(L, 0);
  return false;
}

// Raises RuntimeError when a comparison of the queue's items runs: an __lt
// that puts into or takes from the same queue would corrupt its heap.
void check_not_comparing(lua_State* L, const QueueCore* q) {
  if (q->comparing) raise_error(L, "RuntimeError", "PriorityQueue changed during a comparison of its items");
}

// Calls the heap function on the stack (priority_heap.hpp, with its nargs
// arguments), with comparing set; returns lua_pcall's status, the error on
// top.
int call_heap(lua_State* L, QueueCore* q, int nargs, int nresults) {
  q->comparing = true;
  int status = lua_pcall(L, nargs, nresults, 0);
  q->comparing = false;
  return status;
}

// [-0, +1] Removes the next item of the non-empty core at c and pushes it.
void take(lua_State* L, int c, QueueCore* q) {
  KERNEL_STACK_MARK(L);
  check_not_comparing(L, q);
  lua_getiuservalue(L, c, kItems);
  const int items = lua_gettop(L);
  Run& run = q->items;
  switch (q->order) {
    case Order::Fifo:
      lua_rawgeti(L, items, run.h);
      remove_end(L, items, run, true);
      break;
    case Order::Lifo:
      lua_rawgeti(L, items, run.t);
      remove_end(L, items, run, false);
      break;
    case Order::Priority: {
      // Shrunk first: if a comparison raises, the count stays honest.
      lua_Integer n = run.t--;
      lua_pushcfunction(L, l_heap_pop);
      lua_pushvalue(L, items);
      lua_pushinteger(L, n);
      push_lua_fn(L, LuaFn::ItemLess);
      if (call_heap(L, q, 3, 1) != LUA_OK) lua_error(L);
      break;
    }
  }
  lua_remove(L, items);
  KERNEL_STACK_CHECK(L, 1);
}

void set_finished(lua_State* L, int c) {
  lua_getiuservalue(L, c, kFinished);
  lua_getfield(L, -1, "set");
  lua_insert(L, -2);
  lua_call(L, 1, 0);
}

// put_nowait of the item at index `item` into the core at c.
void put_now(lua_State* L, int c, QueueCore* q, int item) {
  KERNEL_STACK_MARK(L);
  check_not_comparing(L, q);
  if (q->shutdown) raise_error(L, "QueueShutDown");
  if (q->full()) raise_error(L, "QueueFull");
  lua_getiuservalue(L, c, kItems);
  const int items = lua_gettop(L);
  compact(L, items, q->items);
  const lua_Integer n = q->items.t;
  lua_pushvalue(L, item);
  lua_rawseti(L, items, n + 1);
  q->items.t = n + 1;
  if (q->order == Order::Priority) {
    lua_pushcfunction(L, l_heap_sift_new);
    lua_pushvalue(L, items);
    lua_pushinteger(L, n);
    push_lua_fn(L, LuaFn::ItemLess);
    if (call_heap(L, q, 3, 0) != LUA_OK) {
      // The item does not compare: it is refused, and the heap is as it was
      // (heapq would keep it; then qsize and join would disagree).
      lua_pushnil(L);
      lua_rawseti(L, items, n + 1);
      q->items.t = n;
      lua_error(L);
    }
  }
  lua_settop(L, items - 1);
  if (q->unfinished++ == 0) {  // the finished Event clears: join() waits from now on
    lua_getiuservalue(L, c, kFinished);
    lua_pushliteral(L, "_value");  // no queue upvalue: a put's step runs in await's frame
    lua_pushboolean(L, 0);
    lua_rawset(L, -3);
    lua_pop(L, 1);
  }
  wake_first<kGetters>(L, c, q);
  KERNEL_STACK_CHECK(L, 0);
}

// [-0, +0] A put op (at 1) ends: its item (user value 2) is no longer kept.
void release_item(lua_State* L) {
  lua_pushnil(L);
  lua_setiuservalue(L, 1, 2);
}

// [-0, +0] Makes room for entry index i in the slots of run `which` of the
// core at c.
void reserve_slot(lua_State* L, int c, QueueCore* q, int which, lua_Integer i) {
  Waiters& w = q->waiters(which);
  if (i <= w.cap) return;
  lua_Integer cap = w.cap < 8 ? 8 : 2 * w.cap;
  while (cap < i) cap *= 2;
  auto* slots = static_cast<Slot*>(lua_newuserdatauv(L, static_cast<std::size_t>(cap + 1) * sizeof(Slot), 0));
  if (w.cap > 0) std::memcpy(slots, w.slots, static_cast<std::size_t>(w.cap + 1) * sizeof(Slot));
  lua_setiuservalue(L, c, which == kGetters ? kGetterSlots : kPutterSlots);
  w.slots = slots;
  w.cap = cap;
}

// Suspends the running task in run `which` of the core at 2 until
// wake_first or cancel; the op (at 1) resumes in k, with the entry's number
// as its context.
int wait_in(lua_State* L, QueueCore* q, int which, lua_KFunction k) {
  const std::uint64_t gen = wait_prepare(L);
  Waiters& run = q->waiters(which);
  lua_getiuservalue(L, 2, which);
  if ((run.h > 16 || run.blanks > 32) && (head_climbed(run.h, run.t - run.h + 1) || run.blanks > run.n + 32)) {
    compact_waiters(L, 3, run);
  }
  // (The slot is taken after reserve_slot: its new userdata may run
  // finalizers, and a put_nowait or get_nowait in one may wake entries of
  // this run, or empty it and start it afresh at 1. A finalizer cannot
  // wait, so the run's tail only moves back: the room reserved holds.)
  reserve_slot(L, 2, q, which, run.t + 1);  // may raise (memory), as may the rawseti: nothing waits yet
  const lua_Integer i = run.t + 1;
  push_current_task(L);
  const int task = lua_gettop(L);
  lua_pushvalue(L, task);
  lua_rawseti(L, task - 1, i);
  const std::uint64_t seq = run.next_seq++;
  run.slots[i] = Slot{gen, seq};
  ++run.n;
  run.t = i;
  wait_begin(L, 1, gen, task);
  lua_settop(L, 2);
  return suspend(L, static_cast<lua_KContext>(seq), k);
}

// The wait numbered seq of the op at 1 (core at 2) in run `which` ended
// with the error at the top (a cancellation, delivered by cancel() or after
// a wake-up): leave the run, if still in it (a wake-up removed the entry it
// woke); if the turn had come (the queue woke this wait) and can still be
// taken, pass it on; raise the error. As asyncio's Queue.get, a waiter
// cancelled while it waited (its waiter future cancelled) passes nothing on.
int wait_failed(lua_State* L, QueueCore* q, int which, std::uint64_t seq) {
  if (which == kPutters) release_item(L);
  const int exc = lua_gettop(L);
  const bool aborted = running_wait_aborted(L);
  Waiters& run = q->waiters(which);
  if (const lua_Integer i = find_waiter(run, seq)) {
    lua_getiuservalue(L, 2, which);
    remove_waiter(L, exc + 1, run, i);
    lua_settop(L, exc);
  }
  bool can_go = which == kGetters ? !q->items.empty() : !q->full();
  if (!aborted && can_go) {
    if (which == kGetters) {
      wake_first<kGetters>(L, 2, q);
    } else {
      wake_first<kPutters>(L, 2, q);
    }
  }
  return lua_error(L);
}

int get_step(lua_State* L);
int put_step(lua_State* L);

// The op (1 = op, 2 = core) resumed after waiting in run `which` as entry
// seq: with an error instead of a wake-up it leaves (wait_failed), else it
// tries again.
int resume_wait(lua_State* L, int which, lua_CFunction again, lua_KContext seq) {
  if (lua_gettop(L) > 2 && !lua_isnil(L, 3)) {
    lua_settop(L, 3);
    return wait_failed(L, core_at(L, 2), which, static_cast<std::uint64_t>(seq));
  }
  lua_settop(L, 2);
  return again(L);
}

int k_get_woken(lua_State* L, int, lua_KContext seq) { return resume_wait(L, kGetters, get_step, seq); }
int k_put_woken(lua_State* L, int, lua_KContext seq) { return resume_wait(L, kPutters, put_step, seq); }

// The plain get of asyncio's Queue, with 1 = op and 2 = its core: take the
// next item, or wait in the getters and try again when woken.
int get_step(lua_State* L) {
  QueueCore* q = core_at(L, 2);
  if (!q->items.empty()) {
    take(L, 2, q);
    wake_first<kPutters>(L, 2, q);
    return 1;
  }
  if (q->shutdown) return raise_error(L, "QueueShutDown");
  return wait_in(L, q, kGetters, k_get_woken);
}

// put: wait in the putters while the queue is full, then put_nowait.
// A put that ends (puts, or raises) lets go of its item, as a finished
// coroutine's frame does: an op still referenced keeps nothing alive.
int put_step(lua_State* L) {
  QueueCore* q = core_at(L, 2);
  if (q->full()) {
    if (!q->shutdown) return wait_in(L, q, kPutters, k_put_woken);
    release_item(L);
    return raise_error(L, "QueueShutDown");
  }
  lua_getiuservalue(L, 1, 2);
  release_item(L);
  put_now(L, 2, q, 3);
  return 0;
}

// The op steps as kernel/ops.hpp calls them: 1 = op; its core is user value 1.
int get_op_step(lua_State* L) {
  lua_getiuservalue(L, 1, 1);
  return get_step(L);
}
int put_op_step(lua_State* L) {
  lua_getiuservalue(L, 1, 1);
  return put_step(L);
}

// A queue wait undoes nothing when cancelled: its entry goes stale and is
// removed by its task (wait_failed) or passed over by a wake-up.
bool queue_abort(lua_State*, Op*, int, int) { return true; }

// --- luasync.core functions -------------------------------------------------

// queue_new(order, maxsize, finished) -> core; order is "fifo", "lifo" or
// "priority".
int l_queue_new(lua_State* L) {
  static const char* const orders[] = {"fifo", "lifo", "priority", nullptr};
  auto order = static_cast<Order>(luaL_checkoption(L, 1, nullptr, orders));
  lua_Number maxsize = luaL_checknumber(L, 2);
  luaL_checktype(L, 3, LUA_TTABLE);
  auto* q = new (lua_newuserdatauv(L, sizeof(QueueCore), kCoreValues)) QueueCore();
  q->order = order;
  q->maxsize = maxsize;
  lua_pushvalue(L, up(L, kCoreMt));
  lua_setmetatable(L, -2);
  for (int v = kItems; v <= kPutters; ++v) {
    lua_newtable(L);
    lua_setiuservalue(L, -2, v);
  }
  lua_pushvalue(L, 3);
  lua_setiuservalue(L, -2, kFinished);
  return 1;
}

int l_queue_get(lua_State* L) {
  check_queue(L, "get", 1);
  push_op(L, get_kind, 1);
  lua_pushvalue(L, 2);
  lua_setiuservalue(L, -2, 1);
  return 1;
}

int l_queue_put(lua_State* L) {
  check_queue(L, "put", 2);
  push_op(L, put_kind, 2);
  lua_pushvalue(L, 3);
  lua_setiuservalue(L, -2, 1);
  lua_pushvalue(L, 2);
  lua_setiuservalue(L, -2, 2);
  return 1;
}

int l_queue_get_nowait(lua_State* L) {
  QueueCore* q = check_queue(L, "get_nowait", 1);
  if (q->items.empty()) return raise_error(L, q->shutdown ? "QueueShutDown" : "QueueEmpty");
  take(L, 2, q);
  wake_first<kPutters>(L, 2, q);
  return 1;
}

int l_queue_put_nowait(lua_State* L) {
  QueueCore* q = check_queue(L, "put_nowait", 2);
  put_now(L, 3, q, 2);
  return 0;
}

int l_queue_qsize(lua_State* L) {
  lua_pushinteger(L, check_queue(L, "qsize", 1)->items.size());
  return 1;
}

int l_queue_empty(lua_State* L) {
  lua_pushboolean(L, check_queue(L, "empty", 1)->items.empty());
  return 1;
}

int l_queue_full(lua_State* L) {
  lua_pushboolean(L, check_queue(L, "full", 1)->full());
  return 1;
}

int l_queue_task_done(lua_State* L) {
  QueueCore* q = check_queue(L, "task_done", 1);
  if (q->unfinished <= 0) return raise_error(L, "ValueError", "task_done() called too many times");
  if (--q->unfinished == 0) set_finished(L, 2);
  return 0;
}

// shutdown(immediate): puts and gets raise QueueShutDown from now on (gets
// only once the queue is empty, unless immediate, which also drops the
// items and counts them as done). Every blocked put and get wakes to
// re-check. immediate is a boolean or nil: queues.lua's Queue:shutdown
// turns the options table into one and refuses anything else.
int l_queue_shutdown(lua_State* L) {
  QueueCore* q = check_queue(L, "shutdown", 2);
  const bool immediate = lua_toboolean(L, 2);
  if (immediate) check_not_comparing(L, q);
  q->shutdown = true;
  if (immediate) {
    lua_getiuservalue(L, 3, kItems);
    for (lua_Integer i = q->items.h; i <= q->items.t; ++i) {
      lua_pushnil(L);
      lua_rawseti(L, 4, i);
    }
    lua_pop(L, 1);
    q->unfinished = q->unfinished > q->items.size() ? q->unfinished - q->items.size() : 0;
    q->items = Run{};
    if (q->unfinished == 0) set_finished(L, 3);
  }
  while (wake_first<kGetters>(L, 3, q)) {
  }
  while (wake_first<kPutters>(L, 3, q)) {
  }
  return 0;
}

// queue_unfinished(q) -> puts not yet matched by task_done (for join).
int l_queue_unfinished(lua_State* L) {
  lua_pushinteger(L, check_queue(L, "join", 1)->unfinished);
  return 1;
}

// queue_snapshot(q) -> items (a new array, in storage order), their count
// (items may be nil), getters, putters (waiter counts, cancelled ones
// included), unfinished, shutdown: what the repr shows.
int l_queue_snapshot(lua_State* L) {
  QueueCore* q = check_queue(L, "__tostring", 1);
  lua_getiuservalue(L, 2, kItems);
  lua_createtable(L, static_cast<int>(q->items.size()), 0);
  for (lua_Integer i = q->items.h; i <= q->items.t; ++i) {
    lua_rawgeti(L, 3, i);
    lua_rawseti(L, 4, i - q->items.h + 1);
  }
  lua_pushinteger(L, q->items.size());
  lua_pushinteger(L, q->getters.n);
  lua_pushinteger(L, q->putters.n);
  lua_pushinteger(L, q->unfinished);
  lua_pushboolean(L, q->shutdown);
  return 6;
}

const luaL_Reg queue_funcs[] = {
    {"queue_new", l_queue_new},
    {"queue_get", l_queue_get},
    {"queue_put", l_queue_put},
    {"queue_get_nowait", l_queue_get_nowait},
    {"queue_put_nowait", l_queue_put_nowait},
    {"queue_qsize", l_queue_qsize},
    {"queue_empty", l_queue_empty},
    {"queue_full", l_queue_full},
    {"queue_task_done", l_queue_task_done},
    {"queue_shutdown", l_queue_shutdown},
    {"queue_unfinished", l_queue_unfinished},
    {"queue_snapshot", l_queue_snapshot},
    {nullptr, nullptr},
};

}  // namespace

int luaopen_queue_core(lua_State* L) {
  // (register_op_kind grows a vector: its bad_alloc must not cross Lua's
  // frames, and nothing with a destructor may live across luaL_error. A
  // kind registered before a failure is registered again by the next
  // require: a spare entry, never used.)
  bool registered = false;
  try {
    get_kind = register_op_kind(L, OpKind{"Queue.get", get_op_step, queue_abort});
    put_kind = register_op_kind(L, OpKind{"Queue.put", put_op_step, queue_abort});
    registered = true;
  } catch (const std::bad_alloc&) {
  }
  if (!registered) return luaL_error(L, "not enough memory");
  push_runtime_modules(L);
  lua_getfield(L, -1, "luasync.core");
  const int core = lua_gettop(L);
  // A queue core's metatable: queues.lua checks a queue by it (core.QueueCore).
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "queue waiters");
  lua_setfield(L, -2, "__name");
  lua_pushvalue(L, -1);
  lua_setfield(L, core, "QueueCore");
  register_funcs(L, core, queue_funcs, kQueueExtra);
  lua_pop(L, 2);
  return 0;
}

}  // namespace luasync
