// The scheduler's hot path in C++: the FIFO ready queue, the step of a
// suspended task, and the coroutine objects of Queue.get / Queue.put. The
// policy stays in Lua (task.lua, queues.lua): every case these functions do
// not handle exactly as the Lua code would -- a first step, a pending
// cancellation, a bounded or shut-down queue, an error -- is handed to the
// Lua function that handles it, so there is one implementation of each rule.
//
// Why: per round trip of W2 (two tasks passing a token through two Queues)
// the Lua version paid ~30 Lua calls, ~40 C calls (getmetatable and
// setmetatable alone cost ~60 ns each, they look up "__metatable" by name)
// and four coroutine-object tables with finalizers.
//
// Invariants:
// - The ready queue is two sets of three Lua tables (fn, a, b): call_soon
//   appends to the current set at 1..n[cur]; run_ready makes the other set
//   current, then runs and clears the one it took -- exactly the entries
//   present when it started, as the Lua version's swapped arrays did. The
//   indices restart at 1 every iteration, so they stay in the array part.
// - K[kSlotCurrent] (K is the state table shared with task.lua) is the task
//   whose coroutine runs, or nil.
// - A library coroutine object (Op) is a userdata with the queue (and the
//   item) as user values. It has no finalizer when made: ops still
//   unstarted when the step that made them ends (settle) get the metatable
//   with __gc that reports "never awaited". Ops awaited at once -- almost
//   all -- never cost a finalizer.
#include <cstdint>
#include <vector>

#include "lua/state.hpp"
#include "runtime/signals.hpp"

namespace luasync {

namespace {

struct Kernel {
  int cur = 0;                   // the set call_soon appends to
  lua_Integer n[2] = {0, 0};     // entries in each set
  lua_Integer fresh = 0;         // ops made since the last settle: FRESH[1..fresh]
  std::uint32_t generation = 0;  // settles so far: tells a FRESH slot of this run from an old one
};

// Integer slots of K, for what the hot paths read or write on every step:
// from C a rawgeti costs a third of a lookup by name. core.SLOT_* tells
// the Lua side (task.lua).
enum StateSlot : int {
  kSlotCurrent = 1,    // the running task
  kSlotAwaitSlow = 2,  // task.lua's await of everything but kernel ops
};

enum Upvalue : int {
  kKernel = 1,  // full userdata Kernel
  kLoop,        // light userdata Loop
  kState,       // table K: current, Lua fallbacks, the scheduler module
  kAwait,       // the AWAIT marker yielded by a suspending task
  kQ0,          // set 0: fn, a, b tables at kQ0, kQ0 + 1, kQ0 + 2; set 1 follows
  kFresh = kQ0 + 6,
  kOpMt,    // metatable of ops
  kOpGcMt,  // the same with __gc
  kKeyState,
  kKeyMustCancel,
  kKeyFutWaiter,
  kKeyCo,
  kKeyH,
  kKeyT,
  kKeyGetters,
  kKeyPutters,
  kKeyShutdown,
  kKeyMaxsize,
  kKeyUnfinished,
  kKeyFinished,
  kKeyValue,
  kKeyQueue,
  kKeyDequeH,  // a waiter deque's first and last index (waiters.lua)
  kKeyDequeT,
  kUpvalueCount = kKeyDequeT
};

const char* const kKeys[] = {"_state",   "_must_cancel", "_fut_waiter", "_co",     "_h",          "_t",
                             "_getters", "_putters",     "_shutdown",   "maxsize", "_unfinished", "_finished",
                             "_value",   "__queue",      "h",           "t"};

enum OpKind : std::uint8_t { kGet, kPut };
struct Op {
  OpKind kind;
  bool started;
  bool fifo;                 // on the plain FIFO Queue class (not a subclass): the fast path applies
  std::uint32_t generation;  // Kernel::generation when made
  lua_Integer slot;          // its index in FRESH
};
const char* op_name(const Op* op) { return op->kind == kGet ? "Queue.get" : "Queue.put"; }

inline Kernel& kernel(lua_State* L) { return *static_cast<Kernel*>(lua_touserdata(L, lua_upvalueindex(kKernel))); }
inline int up(int i) { return lua_upvalueindex(i); }

// [-0, +1] t[key] for the key string held in upvalue `key`; t is absolute.
inline int get(lua_State* L, int t, int key) {
  lua_pushvalue(L, up(key));
  return lua_rawget(L, t);
}
// [-1, +0] t[key] = top; t is absolute.
inline void set(lua_State* L, int t, int key) {
  lua_pushvalue(L, up(key));
  lua_insert(L, -2);
  lua_rawset(L, t);
}
inline lua_Integer get_int(lua_State* L, int t, int key) {
  get(L, t, key);
  lua_Integer v = lua_tointeger(L, -1);
  lua_pop(L, 1);
  return v;
}
inline void set_int(lua_State* L, int t, int key, lua_Integer v) {
  lua_pushinteger(L, v);
  set(L, t, key);
}
// Removes t[h] from the run t[h..last] whose bounds are the fields key_h and
// key_t; both restart at 1, 0 when it empties (so items stay in the array
// part), as in queues.lua and waiters.lua.
void drop_first(lua_State* L, int t, lua_Integer h, lua_Integer last, int key_h, int key_t) {
  lua_pushnil(L);
  lua_rawseti(L, t, h);
  if (h == last) {
    set_int(L, t, key_h, 1);
    set_int(L, t, key_t, 0);
  } else {
    set_int(L, t, key_h, h + 1);
  }
}

// [-0, +1] K[name], for the Lua fallbacks (cold paths).
inline void push_fallback(lua_State* L, const char* name) { lua_getfield(L, up(kState), name); }

// [-3, +0] appends the entry (fn, a, b) on the top of the stack; fn false
// means "resume the task a".
void enqueue(lua_State* L) {
  Kernel& k = kernel(L);
  lua_Integer i = ++k.n[k.cur];
  int set = kQ0 + 3 * k.cur;
  lua_rawseti(L, up(set + 2), i);
  lua_rawseti(L, up(set + 1), i);
  lua_rawseti(L, up(set), i);
}

// [-0, +0] schedules the step of the task at index `task`.
void schedule_step(lua_State* L, int task) {
  lua_pushboolean(L, 0);  // false in the fn slot: "resume this task"
  lua_pushvalue(L, task);
  lua_pushnil(L);
  enqueue(L);
}

// Wakes the first task still waiting in deque d (task.lua's wake_first).
bool wake_first(lua_State* L, int d) {
  lua_Integer h = get_int(L, d, kKeyDequeH), t = get_int(L, d, kKeyDequeT);
  for (lua_Integer i = h; i <= t; ++i) {
    lua_rawgeti(L, d, i);
    int task = lua_gettop(L);
    get(L, task, kKeyFutWaiter);
    bool waiting = lua_rawequal(L, -1, d);
    lua_pop(L, 1);
    if (!waiting) {
      lua_pop(L, 1);
      continue;
    }
    if (i == h) {
      drop_first(L, d, h, t, kKeyDequeH, kKeyDequeT);
    } else {
      for (lua_Integer j = i; j < t; ++j) {
        lua_rawgeti(L, d, j + 1);
        lua_rawseti(L, d, j);
      }
      lua_pushnil(L);
      lua_rawseti(L, d, t);
      set_int(L, d, kKeyDequeT, t - 1);
    }
    lua_pushnil(L);
    set(L, task, kKeyFutWaiter);
    schedule_step(L, task);
    lua_pop(L, 1);
    return true;
  }
  return false;
}

// One step of the task at index `task`, delivering the value at `exc` (an
// error to raise at its await) unless it is nil: task.lua's resume_task,
// whose Lua version takes every case but the plain resume of a started task.
void step(lua_State* L, int task, int exc) {
  if (get(L, task, kKeyState) != LUA_TNIL) {  // done already
    lua_pop(L, 1);
    return;
  }
  get(L, task, kKeyMustCancel);
  bool must_cancel = lua_toboolean(L, -1);
  get(L, task, kKeyCo);
  lua_State* co = lua_tothread(L, -1);
  lua_pop(L, 3);
  if (must_cancel || co == nullptr) {
    push_fallback(L, "resume_slow");
    lua_pushvalue(L, task);
    lua_pushvalue(L, exc);
    lua_call(L, 2, 0);
    return;
  }
  int nargs = 0;
  if (!lua_isnil(L, exc)) {
    if (!lua_checkstack(co, 1)) luaL_error(L, "stack overflow resuming a task");
    lua_pushvalue(L, exc);
    lua_xmove(L, co, 1);
    nargs = 1;
  }
  lua_pushnil(L);
  set(L, task, kKeyFutWaiter);
  lua_rawgeti(L, up(kState), kSlotCurrent);  // prev, kept on the stack
  int prev = lua_gettop(L);
  lua_pushvalue(L, task);
  lua_rawseti(L, up(kState), kSlotCurrent);
  int nres = 0;
  int status = resume_tracked(co, L, nargs, &nres);
  bool plain_await = false;
  if (status == LUA_YIELD && nres == 1) {
    lua_xmove(co, L, 1);
    if (lua_rawequal(L, -1, up(kAwait))) {
      get(L, task, kKeyMustCancel);
      plain_await = !lua_toboolean(L, -1);
      lua_pop(L, 1);
    }
    if (plain_await) {
      lua_pop(L, 1);
    } else {
      lua_xmove(L, co, 1);  // back with the other results, for after_resume
    }
  }
  if (!plain_await) {
    bool ok = status == LUA_OK || status == LUA_YIELD;
    int n = ok ? nres : 1;
    luaL_checkstack(L, n + 4, "too many results to resume");
    push_fallback(L, "after_resume");
    lua_pushvalue(L, task);
    lua_pushboolean(L, ok);
    lua_xmove(co, L, n);
    lua_call(L, n + 2, 0);
  }
  lua_pushvalue(L, prev);
  lua_rawseti(L, up(kState), kSlotCurrent);
  lua_settop(L, prev - 1);
}

// [-0, +0] Gives every op made since the last settle that is still unstarted
// the finalizer that reports it.
void settle(lua_State* L) {
  Kernel& k = kernel(L);
  for (lua_Integer i = 1; i <= k.fresh; ++i) {
    lua_rawgeti(L, up(kFresh), i);
    auto* op = static_cast<Op*>(lua_touserdata(L, -1));
    if (op && !op->started) {
      lua_pushvalue(L, up(kOpGcMt));
      lua_setmetatable(L, -2);
    }
    lua_pop(L, 1);
    lua_pushnil(L);
    lua_rawseti(L, up(kFresh), i);
  }
  k.fresh = 0;
  ++k.generation;
}

// call_soon(fn, a, b)
int l_call_soon(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 3);
  enqueue(L);
  return 0;
}

inline lua_Integer ready(Kernel& k) { return k.n[k.cur]; }

int l_ready_count(lua_State* L) {
  lua_pushinteger(L, ready(kernel(L)));
  return 1;
}

// Runs the entries that are ready now, in order; entries they add wait for
// the next call. Leaves the stack empty.
void run_ready(lua_State* L) {
  lua_settop(L, 0);
  Kernel& k = kernel(L);
  int taken = k.cur;
  lua_Integer count = k.n[taken];
  k.cur = 1 - taken;
  k.n[taken] = 0;
  int set = kQ0 + 3 * taken;
  for (lua_Integer i = 1; i <= count; ++i) {
    for (int t = 0; t < 3; ++t) {
      lua_rawgeti(L, up(set + t), i);
      lua_pushnil(L);
      lua_rawseti(L, up(set + t), i);
    }
    if (lua_type(L, 1) == LUA_TBOOLEAN) {
      step(L, 2, 3);
    } else {
      lua_call(L, 2, 0);
    }
    lua_settop(L, 0);
  }
  settle(L);
}

int l_run_ready(lua_State* L) {
  run_ready(L);
  return 0;
}

// [-0, +0] calls sched[hook]() if the scheduler module (at index `sched`)
// has that hook; returns its first result's truth.
bool call_hook(lua_State* L, int sched, const char* hook) {
  if (lua_getfield(L, sched, hook) != LUA_TFUNCTION) {
    lua_pop(L, 1);
    return false;
  }
  lua_call(L, 0, 1);
  bool r = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return r;
}

// run_once() -> progressed: one iteration of the driver, as asyncio's
// BaseEventLoop._run_once: poll I/O (blocking only when nothing is ready),
// append the deadlines that came due, then run the ready entries. False
// when nothing is ready and nothing can ever become ready (no deadline, no
// I/O). The scheduler module (K.sched) supplies the REPL's hooks and the
// deadline slots (scheduler.lua).
int l_run_once(lua_State* L) {
  lua_settop(L, 0);
  Kernel& k = kernel(L);
  Loop& loop = *static_cast<Loop*>(lua_touserdata(L, up(kLoop)));
  lua_getfield(L, up(kState), "sched");
  const int sched = 1;
  bool block = ready(k) == 0 && !call_hook(L, sched, "io_ready");
  if (block) call_hook(L, sched, "before_block");
  static thread_local std::vector<DeadlineHeap::Id> fired;
  fired.clear();
  PollOutcome outcome = loop.poll(block, fired);
  if (!fired.empty()) {
    lua_getfield(L, sched, "slot_f");
    lua_getfield(L, sched, "slot_a");
    lua_getfield(L, sched, "slot_b");
    for (DeadlineHeap::Id id : fired) {
      auto i = static_cast<lua_Integer>(id);
      if (lua_rawgeti(L, 2, i) == LUA_TNIL) {  // cancelled since
        lua_pop(L, 1);
        continue;
      }
      lua_rawgeti(L, 3, i);
      lua_rawgeti(L, 4, i);
      enqueue(L);
      for (int t = 2; t <= 4; ++t) {
        lua_pushnil(L);
        lua_rawseti(L, t, i);
      }
    }
    lua_settop(L, sched);
  }
  if (outcome == PollOutcome::Interrupted) {
    interrupt_take();
    interrupt_clear_hook();
    call_hook(L, sched, "on_interrupt");
  }
  call_hook(L, sched, "io_hook");
  if (outcome == PollOutcome::Stalled && ready(k) == 0) {
    lua_pushboolean(L, 0);
    return 1;
  }
  run_ready(L);
  lua_pushboolean(L, 1);
  return 1;
}

// resume_task(task, exc)
int l_resume_task(lua_State* L) {
  lua_settop(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  step(L, 1, 2);
  return 0;
}

int l_settle(lua_State* L) {
  settle(L);
  return 0;
}

// --- Queue.get / Queue.put coroutine objects -----------------------------

// [-0, +1] a new op of `kind` on the queue at index 1 (and item at 2).
int new_op(lua_State* L, OpKind kind, const char* method) {
  // The queue classes' metatables carry __queue: "fifo" for Queue itself,
  // true for its subclasses.
  if (!lua_getmetatable(L, 1) || get(L, lua_gettop(L), kKeyQueue) == LUA_TNIL) {
    lua_settop(L, 1);
    push_fallback(L, "bad_queue");
    lua_insert(L, 1);
    lua_pushstring(L, method);
    lua_call(L, 2, 0);  // raises
    return 0;
  }
  bool fifo = lua_type(L, -1) == LUA_TSTRING;
  lua_settop(L, kind == kPut ? 2 : 1);
  auto* op = static_cast<Op*>(lua_newuserdatauv(L, sizeof(Op), kind == kPut ? 2 : 1));
  op->kind = kind;
  op->started = false;
  op->fifo = fifo;
  lua_pushvalue(L, up(kOpMt));
  lua_setmetatable(L, -2);
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 1);
  if (kind == kPut) {
    lua_pushvalue(L, 2);
    lua_setiuservalue(L, -2, 2);
  }
  Kernel& k = kernel(L);
  op->generation = k.generation;
  op->slot = ++k.fresh;
  lua_pushvalue(L, -1);
  lua_rawseti(L, up(kFresh), op->slot);
  return 1;
}

int l_queue_get(lua_State* L) { return new_op(L, kGet, "get"); }
int l_queue_put(lua_State* L) { return new_op(L, kPut, "put"); }

Op* to_op(lua_State* L, int i) {
  if (!lua_getmetatable(L, i)) return nullptr;
  bool is_op = lua_rawequal(L, -1, up(kOpMt)) || lua_rawequal(L, -1, up(kOpGcMt));
  lua_pop(L, 1);
  return is_op ? static_cast<Op*>(lua_touserdata(L, i)) : nullptr;
}

int k_pass_results(lua_State* L, int, lua_KContext base) { return lua_gettop(L) - static_cast<int>(base); }

// [-0, +?] the rest of the op at index 1 in Lua (queues.lua's q_get/q_put):
// returns its results; it may wait.
int op_in_lua(lua_State* L, const Op* op) {
  int base = lua_gettop(L);
  push_fallback(L, op->kind == kGet ? "queue_get" : "queue_put");
  lua_getiuservalue(L, 1, 1);
  int nargs = 1;
  if (op->kind == kPut) {
    lua_getiuservalue(L, 1, 2);
    nargs = 2;
  }
  lua_callk(L, nargs, LUA_MULTRET, base, k_pass_results);
  return k_pass_results(L, LUA_OK, base);
}

// Stack while an op runs: 1 = op, 2 = queue.
constexpr int kOpBase = 2;

int get_step(lua_State* L);

int k_get_woken(lua_State* L, int, lua_KContext) {
  if (lua_gettop(L) > kOpBase && !lua_isnil(L, kOpBase + 1)) {
    // An error delivered instead of the wake-up (cancellation): Lua leaves
    // the deque, passes the turn on if it had one, and raises.
    lua_settop(L, kOpBase + 1);
    push_fallback(L, "queue_wait_failed");
    lua_pushvalue(L, 2);
    get(L, 2, kKeyGetters);
    lua_pushvalue(L, kOpBase + 1);
    lua_pushliteral(L, "get");
    lua_call(L, 4, 0);
    return 0;
  }
  lua_settop(L, kOpBase);
  return get_step(L);
}

// The plain FIFO get of asyncio's Queue: take the first item, or wait in
// _getters and try again when woken.
int get_step(lua_State* L) {
  const int q = 2;
  if (get(L, q, kKeyShutdown) != LUA_TBOOLEAN || lua_toboolean(L, -1)) {
    lua_pop(L, 1);
    return op_in_lua(L, static_cast<Op*>(lua_touserdata(L, 1)));
  }
  lua_pop(L, 1);
  lua_Integer h = get_int(L, q, kKeyH), t = get_int(L, q, kKeyT);
  if (h <= t) {
    lua_rawgeti(L, q, h);  // the item, returned below
    drop_first(L, q, h, t, kKeyH, kKeyT);
    get(L, q, kKeyPutters);
    int putters = lua_gettop(L);
    if (get_int(L, putters, kKeyDequeT) >= get_int(L, putters, kKeyDequeH)) wake_first(L, putters);
    lua_pop(L, 1);
    return 1;
  }
  lua_rawgeti(L, up(kState), kSlotCurrent);
  int task = lua_gettop(L);
  if (lua_isnil(L, task) || !lua_isyieldable(L)) {
    lua_settop(L, kOpBase);
    return op_in_lua(L, static_cast<Op*>(lua_touserdata(L, 1)));  // raises await's error
  }
  get(L, q, kKeyGetters);
  int d = lua_gettop(L);
  lua_Integer dt = get_int(L, d, kKeyDequeT) + 1;
  set_int(L, d, kKeyDequeT, dt);
  lua_pushvalue(L, task);
  lua_rawseti(L, d, dt);
  lua_pushvalue(L, d);
  set(L, task, kKeyFutWaiter);
  lua_settop(L, kOpBase);
  lua_pushvalue(L, up(kAwait));
  return lua_yieldk(L, 1, 0, k_get_woken);
}

// The plain put of an unbounded, open FIFO Queue (queues.lua's put_nowait).
int put_step(lua_State* L) {
  const int q = 2;
  if (get(L, q, kKeyShutdown) != LUA_TBOOLEAN || lua_toboolean(L, -1) || get(L, q, kKeyMaxsize) != LUA_TNUMBER ||
      lua_tonumber(L, -1) > 0) {
    lua_settop(L, kOpBase);
    return op_in_lua(L, static_cast<Op*>(lua_touserdata(L, 1)));
  }
  lua_settop(L, kOpBase);
  lua_Integer t = get_int(L, q, kKeyT) + 1;
  set_int(L, q, kKeyT, t);
  lua_getiuservalue(L, 1, 2);
  lua_rawseti(L, q, t);
  lua_Integer unfinished = get_int(L, q, kKeyUnfinished);
  set_int(L, q, kKeyUnfinished, unfinished + 1);
  if (unfinished == 0) {  // join() waits from now on (the event is set whenever the count is 0)
    get(L, q, kKeyFinished);
    lua_pushboolean(L, 0);
    set(L, lua_gettop(L) - 1, kKeyValue);
    lua_pop(L, 1);
  }
  get(L, q, kKeyGetters);
  int getters = lua_gettop(L);
  if (get_int(L, getters, kKeyDequeT) >= get_int(L, getters, kKeyDequeH)) wake_first(L, getters);
  return 0;
}

// await_op(v): runs a Queue.get / Queue.put coroutine object (once); any
// other value goes to the generic await.
int l_await_op(lua_State* L) {
  lua_settop(L, 1);
  Op* op = to_op(L, 1);
  if (op == nullptr) {  // another userdata: the generic await
    lua_rawgeti(L, up(kState), kSlotAwaitSlow);
    lua_insert(L, 1);
    lua_callk(L, 1, LUA_MULTRET, 0, k_pass_results);
    return k_pass_results(L, LUA_OK, 0);
  }
  if (op->started) {
    push_fallback(L, "reuse_error");
    lua_call(L, 0, 0);  // raises
  }
  op->started = true;
  // Awaited right after it was made (the usual `await(q:get())`): it is the
  // last FRESH entry, which settle no longer needs to visit.
  Kernel& k = kernel(L);
  if (op->generation == k.generation && op->slot == k.fresh) {
    lua_pushnil(L);
    lua_rawseti(L, up(kFresh), k.fresh--);
  }
  lua_getiuservalue(L, 1, 1);
  // Only the FIFO Queue class has the fast path; its subclasses' storage
  // lives in Lua.
  if (!op->fifo) return op_in_lua(L, op);
  return op->kind == kGet ? get_step(L) : put_step(L);
}

// op_state(v) -> started, name | nothing: whether v is a library coroutine
// object, whether it started, and its name.
int l_op_state(lua_State* L) {
  Op* op = to_op(L, 1);
  if (op == nullptr) return 0;
  lua_pushboolean(L, op->started);
  lua_pushstring(L, op_name(op));
  return 2;
}

// op_close(op): marks it started (coroutine close: it will never run).
int l_op_close(lua_State* L) {
  Op* op = to_op(L, 1);
  if (op) op->started = true;
  return 0;
}

// The metatables are reachable from Lua (getmetatable): check the argument.
int l_op_tostring(lua_State* L) {
  Op* op = to_op(L, 1);
  if (op == nullptr) return luaL_argerror(L, 1, "coroutine object expected");
  lua_pushfstring(L, "<coroutine %s>", op_name(op));
  return 1;
}

int l_op_gc(lua_State* L) {
  Op* op = to_op(L, 1);
  if (op == nullptr || op->started) return 0;
  push_fallback(L, "never_awaited");
  lua_pushstring(L, op_name(op));
  lua_call(L, 1, 0);
  return 0;
}

const luaL_Reg kernel_funcs[] = {
    {"call_soon", l_call_soon}, {"ready_count", l_ready_count},
    {"run_ready", l_run_ready}, {"resume_task", l_resume_task},
    {"settle", l_settle},       {"queue_get", l_queue_get},
    {"queue_put", l_queue_put}, {"await_op", l_await_op},
    {"op_state", l_op_state},   {"op_close", l_op_close},
    {"op_gc", l_op_gc},         {"op_tostring", l_op_tostring},
    {"run_once", l_run_once},   {nullptr, nullptr},
};

}  // namespace

void open_kernel(lua_State* L, Loop& loop) {
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_getfield(L, -1, "luasync.core");
  const int core = lua_gettop(L);
  // The op metatables (plain, and with __gc) share one __index table; the
  // functions they need are kernel closures, set once those exist.
  lua_newtable(L);
  const int index = lua_gettop(L);
  for (int gc = 0; gc < 2; ++gc) {
    lua_createtable(L, 0, 4);
    lua_pushliteral(L, "coroutine");
    lua_setfield(L, -2, "__name");
    lua_pushvalue(L, index);
    lua_setfield(L, -2, "__index");
  }
  const int op_mt = index + 1, op_gc_mt = index + 2;
  lua_pushvalue(L, core);  // the table luaL_setfuncs fills; the upvalues follow
  // Upvalues, in Upvalue order.
  new (lua_newuserdatauv(L, sizeof(Kernel), 0)) Kernel();
  lua_pushlightuserdata(L, &loop);
  lua_newtable(L);  // K
  lua_pushvalue(L, -1);
  lua_setfield(L, core, "kernel_state");
  lua_pushinteger(L, kSlotCurrent);
  lua_setfield(L, core, "SLOT_CURRENT");
  lua_pushinteger(L, kSlotAwaitSlow);
  lua_setfield(L, core, "SLOT_AWAIT_SLOW");
  lua_newtable(L);  // AWAIT marker: task.lua takes it from core.AWAIT
  lua_pushvalue(L, -1);
  lua_setfield(L, core, "AWAIT");
  for (int i = 0; i < 7; ++i) lua_newtable(L);  // two sets of fn, a, b; FRESH
  lua_pushvalue(L, op_mt);
  lua_pushvalue(L, op_gc_mt);
  for (const char* key : kKeys) lua_pushstring(L, key);
  static_assert(sizeof(kKeys) / sizeof(kKeys[0]) == kUpvalueCount - kOpGcMt);
  luaL_setfuncs(L, kernel_funcs, kUpvalueCount);
  lua_pop(L, 1);
  for (int mt : {op_mt, op_gc_mt}) {
    lua_getfield(L, core, "op_tostring");
    lua_setfield(L, mt, "__tostring");
  }
  lua_getfield(L, core, "op_gc");
  lua_setfield(L, op_gc_mt, "__gc");
  lua_getfield(L, core, "op_close");
  lua_setfield(L, index, "close");
  // settle_kernel's handle, out of reach of scripts.
  lua_getfield(L, core, "settle");
  lua_setfield(L, LUA_REGISTRYINDEX, "luasync.settle");
  lua_settop(L, core - 2);
}

// Before lua_close: ops still waiting for settle get their finalizer.
void settle_kernel(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, "luasync.settle");
  if (lua_pcall(L, 0, 0, 0) != LUA_OK) lua_pop(L, 1);  // out of memory: no reports
}

}  // namespace luasync
