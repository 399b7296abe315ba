// asyncio's Queue, PriorityQueue and LifoQueue (CPython 3.13
// Lib/asyncio/queues.py): the state and every operation of a queue, in C++.
// queues.lua keeps the classes, construction, join, the repr, and the heap
// order of a PriorityQueue (Lua comparisons: heap_sift_new, heap_pop).
//
// Why: a queue's counters and waiter runs used to be Lua-table fields, and
// from C each field read or write through the API costs ~100 instructions;
// W2 (two tasks passing a token through two Queues) spent a third of its
// time there. A QueueCore keeps them in one C++ struct.
//
// Invariants:
// - A queue (a Lua table of its class) holds its QueueCore at _core. The
//   core's user values are the items, getters and putters tables and the
//   finished Event (locks.lua), which is set exactly when unfinished == 0.
// - Items are items[h..t]: a FIFO takes from h, a LIFO from t, a priority
//   queue keeps a heap in [1..t]. A run restarts at 1, 0 whenever it
//   empties, so its entries stay in the table's array part.
// - Getters and putters are runs of tasks waiting as themselves (no Future):
//   a task in a run waits there exactly while its _fut_waiter is the core.
//   A waiter cancelled while it waits (task.lua's cancel_waiter: _fut_waiter
//   false, _queue_wait_cancelled true) stays in the run until it runs again
//   and removes itself, or until a wake-up passes it and drops it, as
//   asyncio's cancelled waiter futures in its deques. wake_first removes the
//   task it wakes. So after a failed wait, "no longer in the run and not
//   cancelled while waiting" means "was handed a turn".
// - A waiter is only woken: it takes its turn itself when it runs (the step
//   again). A getter cancelled after it was woken takes nothing and passes
//   the turn on, so no item is ever lost.
#include <new>

#include "kernel/kernel.hpp"

namespace luasync::kernel {

namespace {

enum class Order : std::uint8_t { Fifo, Lifo, Priority };

// Indices of a run of entries stored in a Lua table at [h..t].
struct Run {
  lua_Integer h = 1, t = 0;
  bool empty() const { return t < h; }
  lua_Integer size() const { return t - h + 1; }
};

// User values of a QueueCore.
enum CoreValue : int { kItems = 1, kGetters, kPutters, kFinished };

struct QueueCore {
  Run items, getters, putters;
  lua_Integer unfinished = 0;  // puts not yet matched by task_done
  lua_Number maxsize = 0;      // > 0: bounded
  Order order = Order::Fifo;
  bool shutdown = false;
  bool comparing = false;  // a PriorityQueue's Lua comparison (__lt) runs: its items must not change

  bool full() const { return maxsize > 0 && static_cast<lua_Number>(items.size()) >= maxsize; }
  Run& waiters(int which) { return which == kGetters ? getters : putters; }
};

inline QueueCore* core_at(lua_State* L, int i) { return static_cast<QueueCore*>(lua_touserdata(L, i)); }

// Raises errors.<cls>(message) (message may be null).
int raise_error(lua_State* L, const char* cls, const char* message = nullptr) {
  push_fallback(L, "queue_error");
  lua_pushstring(L, cls);
  lua_pushstring(L, message);
  lua_call(L, 2, 1);
  return lua_error(L);
}

// [-0, +1] Checks that the value at index 1 is a queue; pushes its core.
// `method` names the caller in the error.
QueueCore* check_queue(lua_State* L, const char* method) {
  // The metatable identifies the userdata, as luaL_checkudata does (only
  // debug.setmetatable can forge it, as for every Lua library).
  if (lua_type(L, 1) == LUA_TTABLE && get(L, 1, kKeyCore) == LUA_TUSERDATA && lua_getmetatable(L, -1)) {
    bool ok = lua_topointer(L, -1) == kernel(L).core_mt;
    lua_pop(L, 1);
    if (ok) return core_at(L, -1);
  }
  push_fallback(L, "bad_queue");
  lua_pushvalue(L, 1);
  lua_pushstring(L, method);
  lua_call(L, 2, 0);  // raises
  return nullptr;
}

// Drops entry i of `run`, stored in the table at d: the head moves, a later
// entry shifts the tail down (waiters leave mostly from the head).
void remove_at(lua_State* L, int d, Run& run, lua_Integer i) {
  if (i == run.h) {
    lua_pushnil(L);
    lua_rawseti(L, d, i);
    if (run.h == run.t) {
      run = Run{};
    } else {
      ++run.h;
    }
    return;
  }
  for (lua_Integer j = i; j < run.t; ++j) {
    lua_rawgeti(L, d, j + 1);
    lua_rawseti(L, d, j);
  }
  lua_pushnil(L);
  lua_rawseti(L, d, run.t--);
}

// Wakes the first task still waiting in run `which` of the core at c (on a
// later loop iteration, as asyncio's future callbacks), dropping the
// cancelled waiters before it from the run. False when none waits.
bool wake_first(lua_State* L, int c, QueueCore* q, int which) {
  Run& run = q->waiters(which);
  if (run.empty()) return false;
  const int top = lua_gettop(L);
  lua_getiuservalue(L, c, which);
  const int d = top + 1, task = top + 2;
  while (!run.empty()) {
    lua_rawgeti(L, d, run.h);
    get(L, task, kKeyFutWaiter);
    const bool waiting = lua_topointer(L, -1) == q;  // a userdata's pointer is its memory
    remove_at(L, d, run, run.h);
    if (waiting) {
      set_nil(L, task, kKeyFutWaiter);
      schedule_step(L, task);
      lua_settop(L, top);
      return true;
    }
    lua_settop(L, d);
  }
  lua_settop(L, top);
  return false;
}

// Raises RuntimeError when a comparison of the queue's items runs: an __lt
// that puts into or takes from the same queue would corrupt its heap.
void check_not_comparing(lua_State* L, const QueueCore* q) {
  if (q->comparing) raise_error(L, "RuntimeError", "PriorityQueue changed during a comparison of its items");
}

// Calls the Lua heap function on the stack (with its nargs arguments),
// with comparing set; returns lua_pcall's status, the error on top.
int call_heap(lua_State* L, QueueCore* q, int nargs, int nresults) {
  q->comparing = true;
  int status = lua_pcall(L, nargs, nresults, 0);
  q->comparing = false;
  return status;
}

// [-0, +1] Removes the next item of the non-empty core at c and pushes it.
void take(lua_State* L, int c, QueueCore* q) {
  check_not_comparing(L, q);
  lua_getiuservalue(L, c, kItems);
  const int items = lua_gettop(L);
  Run& run = q->items;
  switch (q->order) {
    case Order::Fifo:
      lua_rawgeti(L, items, run.h);
      remove_at(L, items, run, run.h);
      break;
    case Order::Lifo:
      lua_rawgeti(L, items, run.t);
      remove_at(L, items, run, run.t);
      break;
    case Order::Priority: {
      // Shrunk first: if a comparison raises, the count stays honest.
      lua_Integer n = run.t--;
      push_fallback(L, "heap_pop");
      lua_pushvalue(L, items);
      lua_pushinteger(L, n);
      if (call_heap(L, q, 2, 1) != LUA_OK) lua_error(L);
      break;
    }
  }
  lua_remove(L, items);
}

void set_finished(lua_State* L, int c) {
  lua_getiuservalue(L, c, kFinished);
  lua_getfield(L, -1, "set");
  lua_insert(L, -2);
  lua_call(L, 1, 0);
}

// put_nowait of the item at index `item` into the core at c.
void put_now(lua_State* L, int c, QueueCore* q, int item) {
  check_not_comparing(L, q);
  if (q->shutdown) raise_error(L, "QueueShutDown");
  if (q->full()) raise_error(L, "QueueFull");
  lua_getiuservalue(L, c, kItems);
  const int items = lua_gettop(L);
  const lua_Integer n = q->items.t;
  lua_pushvalue(L, item);
  lua_rawseti(L, items, n + 1);
  q->items.t = n + 1;
  if (q->order == Order::Priority) {
    push_fallback(L, "heap_sift_new");
    lua_pushvalue(L, items);
    lua_pushinteger(L, n);
    if (call_heap(L, q, 2, 0) != LUA_OK) {
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
    lua_pushboolean(L, 0);
    set(L, lua_gettop(L) - 1, kKeyValue);
    lua_pop(L, 1);
  }
  wake_first(L, c, q, kGetters);
}

// [-0, +0] A put op (at 1) ends: its item (user value 2) is no longer kept.
void release_item(lua_State* L) {
  lua_pushnil(L);
  lua_setiuservalue(L, 1, 2);
}

// Suspends the running task in run `which` of the core at 2 until
// wake_first or cancel; the op resumes in k.
int wait_in(lua_State* L, QueueCore* q, int which, lua_KFunction k) {
  lua_rawgeti(L, up(kState), kSlotCurrent);
  const int task = lua_gettop(L);
  if (lua_isnil(L, task) || !lua_isyieldable(L)) {
    push_fallback(L, "outside_task");
    lua_call(L, 0, 0);  // raises
  }
  lua_getiuservalue(L, 2, which);
  lua_pushvalue(L, task);
  Run& run = q->waiters(which);
  lua_rawseti(L, -2, run.t + 1);  // may raise (memory): the count follows the entry
  ++run.t;
  lua_pushvalue(L, up(kKeyFutWaiter));
  lua_pushvalue(L, 2);
  lua_rawset(L, task);
  lua_settop(L, 2);
  lua_pushvalue(L, up(kAwait));
  return lua_yieldk(L, 1, 0, k);
}

// The wait of the op at 1 (core at 2) in run `which` ended with the error at
// the top instead of a wake-up (cancellation): leave the run; if the turn
// had come and is still there, pass it on; raise the error. As asyncio's
// Queue.get: a waiter cancelled while it waited (its waiter future
// cancelled) passes nothing on.
int wait_failed(lua_State* L, QueueCore* q, int which) {
  if (which == kPutters) release_item(L);
  const int exc = lua_gettop(L);
  lua_rawgeti(L, up(kState), kSlotCurrent);
  lua_getiuservalue(L, 2, which);
  const int me = exc + 1, d = exc + 2;
  Run& run = q->waiters(which);
  bool woken = true;
  for (lua_Integer i = run.h; i <= run.t; ++i) {
    lua_rawgeti(L, d, i);
    bool found = lua_rawequal(L, -1, me);
    lua_pop(L, 1);
    if (found) {
      remove_at(L, d, run, i);
      woken = false;
      break;
    }
  }
  lua_pushliteral(L, "_queue_wait_cancelled");  // cold path: a lookup by name
  lua_pushvalue(L, -1);
  const bool cancelled = lua_rawget(L, me) != LUA_TNIL;
  lua_pop(L, 1);
  if (cancelled) {
    woken = false;
    lua_pushnil(L);
    lua_rawset(L, me);  // the key below the nil
  }
  lua_settop(L, exc);
  bool can_go = which == kGetters ? !q->items.empty() : !q->full();
  if (woken && can_go) wake_first(L, 2, q, which);
  return lua_error(L);
}

// The op (1 = op, 2 = core) resumed after waiting in run `which`: with an
// error instead of a wake-up it leaves (wait_failed), else it tries again.
int resume_wait(lua_State* L, int which, lua_CFunction again) {
  if (lua_gettop(L) > 2 && !lua_isnil(L, 3)) {
    lua_settop(L, 3);
    return wait_failed(L, core_at(L, 2), which);
  }
  lua_settop(L, 2);
  return again(L);
}

int k_get_woken(lua_State* L, int, lua_KContext) { return resume_wait(L, kGetters, get_step); }
int k_put_woken(lua_State* L, int, lua_KContext) { return resume_wait(L, kPutters, put_step); }

// --- luasync.core functions -------------------------------------------------

// queue_new(order, maxsize, finished) -> core; order is "fifo", "lifo" or
// "priority".
int l_queue_new(lua_State* L) {
  static const char* const orders[] = {"fifo", "lifo", "priority", nullptr};
  auto order = static_cast<Order>(luaL_checkoption(L, 1, nullptr, orders));
  lua_Number maxsize = luaL_checknumber(L, 2);
  luaL_checktype(L, 3, LUA_TTABLE);
  auto* q = new (lua_newuserdatauv(L, sizeof(QueueCore), kFinished)) QueueCore();
  q->order = order;
  q->maxsize = maxsize;
  lua_pushvalue(L, up(kCoreMt));
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
  lua_settop(L, 1);
  check_queue(L, "get");
  push_op(L, OpKind::Get, 2, 0);
  return 1;
}

int l_queue_put(lua_State* L) {
  lua_settop(L, 2);
  check_queue(L, "put");
  push_op(L, OpKind::Put, 3, 2);
  return 1;
}

int l_queue_get_nowait(lua_State* L) {
  lua_settop(L, 1);
  QueueCore* q = check_queue(L, "get_nowait");
  if (q->items.empty()) return raise_error(L, q->shutdown ? "QueueShutDown" : "QueueEmpty");
  take(L, 2, q);
  wake_first(L, 2, q, kPutters);
  return 1;
}

int l_queue_put_nowait(lua_State* L) {
  lua_settop(L, 2);
  QueueCore* q = check_queue(L, "put_nowait");
  put_now(L, 3, q, 2);
  return 0;
}

int l_queue_qsize(lua_State* L) {
  lua_settop(L, 1);
  lua_pushinteger(L, check_queue(L, "qsize")->items.size());
  return 1;
}

int l_queue_empty(lua_State* L) {
  lua_settop(L, 1);
  lua_pushboolean(L, check_queue(L, "empty")->items.empty());
  return 1;
}

int l_queue_full(lua_State* L) {
  lua_settop(L, 1);
  lua_pushboolean(L, check_queue(L, "full")->full());
  return 1;
}

int l_queue_task_done(lua_State* L) {
  lua_settop(L, 1);
  QueueCore* q = check_queue(L, "task_done");
  if (q->unfinished <= 0) return raise_error(L, "ValueError", "task_done() called too many times");
  if (--q->unfinished == 0) set_finished(L, 2);
  return 0;
}

// shutdown(immediate): puts and gets raise QueueShutDown from now on (gets
// only once the queue is empty, unless immediate, which also drops the
// items and counts them as done). Every blocked put and get wakes to
// re-check.
int l_queue_shutdown(lua_State* L) {
  lua_settop(L, 2);
  QueueCore* q = check_queue(L, "shutdown");
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
  while (wake_first(L, 3, q, kGetters)) {
  }
  while (wake_first(L, 3, q, kPutters)) {
  }
  return 0;
}

// queue_unfinished(q) -> puts not yet matched by task_done (for join).
int l_queue_unfinished(lua_State* L) {
  lua_settop(L, 1);
  lua_pushinteger(L, check_queue(L, "join")->unfinished);
  return 1;
}

// queue_snapshot(q) -> items (a new array, in storage order), their count
// (items may be nil), getters, putters (waiter counts, cancelled ones
// included), unfinished, shutdown: what the repr shows.
int l_queue_snapshot(lua_State* L) {
  lua_settop(L, 1);
  QueueCore* q = check_queue(L, "__tostring");
  lua_getiuservalue(L, 2, kItems);
  lua_createtable(L, static_cast<int>(q->items.size()), 0);
  for (lua_Integer i = q->items.h; i <= q->items.t; ++i) {
    lua_rawgeti(L, 3, i);
    lua_rawseti(L, 4, i - q->items.h + 1);
  }
  lua_pushinteger(L, q->items.size());
  lua_pushinteger(L, q->getters.size());
  lua_pushinteger(L, q->putters.size());
  lua_pushinteger(L, q->unfinished);
  lua_pushboolean(L, q->shutdown);
  return 6;
}

}  // namespace

// The plain get of asyncio's Queue: take the next item, or wait in the
// getters and try again when woken.
int get_step(lua_State* L) {
  QueueCore* q = core_at(L, 2);
  if (!q->items.empty()) {
    take(L, 2, q);
    wake_first(L, 2, q, kPutters);
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

}  // namespace luasync::kernel
