// The scheduler's hot path in C++: the FIFO ready queue, the step of a
// suspended task, the driver's iteration, and the coroutine objects of
// Queue.get / Queue.put (whose steps are in queue.cpp). The policy stays in
// Lua (task.lua): every case the step does not handle exactly as the Lua
// code would -- a first step, a pending cancellation, an error -- is handed
// to the Lua function that handles it, so there is one implementation of
// each rule.
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
//   An entry is fn(a, b), or a task alone in the fn slot (a, b nil): "run
//   its next step" (schedule_step), which costs one slot instead of three.
// - K[kSlotCurrent] (K is the state table shared with task.lua) is the task
//   whose coroutine runs, or nil.
// - A library coroutine object (Op) is a userdata with the queue's core (and
//   the item) as user values. It has no finalizer when made: ops still
//   unstarted when the loop iteration that made them ends (settle) get the
//   metatable with __gc that reports "never awaited". Ops awaited at once --
//   almost all -- never cost a finalizer.
// - Ops made since the last settle are FRESH[1..Kernel::fresh] (FRESH is
//   reachable from the kernel's upvalues only). An op awaited while it is
//   the last entry -- the usual `await(q:get())` -- leaves at once, so it is
//   not kept alive, and settle visits only the others.
#include "kernel/kernel.hpp"

#include <vector>

#include "runtime/interrupt.hpp"

namespace luasync {

namespace kernel {

namespace {

const char* op_name(const Op* op) { return op->kind == OpKind::Get ? "Queue.get" : "Queue.put"; }

// [-3, +0] appends the entry fn(a, b) on the top of the stack.
void enqueue(lua_State* L) {
  Kernel& k = kernel(L);
  lua_Integer i = ++k.n[k.cur];
  int set = kQ0 + 3 * k.cur;
  lua_rawseti(L, up(set + 2), i);
  lua_rawseti(L, up(set + 1), i);
  lua_rawseti(L, up(set), i);
}

}  // namespace

void schedule_step(lua_State* L, int task) {
  Kernel& k = kernel(L);
  lua_pushvalue(L, task);
  lua_rawseti(L, up(kQ0 + 3 * k.cur), ++k.n[k.cur]);
}

namespace {

// One step of the task at index `task`, delivering the value at `exc` (an
// error to raise at its await) unless it is nil: task.lua's resume_task,
// whose Lua version takes every case but the plain resume of a started task.
// `exc` is the top of the stack, and the stack is left that way.
void step(lua_State* L, int task, int exc) {
  // The fields are read in one go: each read is two API calls, each pop one.
  const bool done = get(L, task, kKeyState) != LUA_TNIL;
  const bool must_cancel = get(L, task, kKeyMustCancel) != LUA_TNIL && lua_toboolean(L, -1);
  get(L, task, kKeyCo);
  lua_State* co = lua_tothread(L, -1);
  const bool waits = get(L, task, kKeyFutWaiter) != LUA_TNIL;
  lua_settop(L, exc);
  // Done already: a stale wake-up (or one after Future.set_result(task)).
  if (done) return;
  // A task that has not started has _co false: the Lua version starts it.
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
  // It waits on nothing while it runs (a queue's wake_first cleared it
  // already; reading is cheaper than writing).
  if (waits) set_nil(L, task, kKeyFutWaiter);
  lua_rawgeti(L, up(kState), kSlotCurrent);  // prev, kept on the stack at exc + 1
  lua_pushvalue(L, task);
  lua_rawseti(L, up(kState), kSlotCurrent);
  int nres = 0;
  int status = resume_tracked(co, L, nargs, &nres);
  // The usual end of a step: the task suspended on a kernel op (it yielded
  // the AWAIT marker alone) and nobody asked to cancel it meanwhile.
  bool plain_await = status == LUA_YIELD && nres == 1 && lua_topointer(co, -1) == kernel(L).await &&
                     !(get(L, task, kKeyMustCancel) != LUA_TNIL && lua_toboolean(L, -1));
  if (plain_await) {
    lua_pop(co, 1);
  } else {
    lua_settop(L, exc + 1);
    bool ok = status == LUA_OK || status == LUA_YIELD;
    int n = ok ? nres : 1;
    luaL_checkstack(L, n + 4, "too many results to resume");
    push_fallback(L, "after_resume");
    lua_pushvalue(L, task);
    lua_pushboolean(L, ok);
    lua_xmove(co, L, n);
    lua_call(L, n + 2, 0);
  }
  lua_settop(L, exc + 1);
  lua_rawseti(L, up(kState), kSlotCurrent);  // prev again
}

// [-0, +0] Gives every op made since the last settle that is still unstarted
// the finalizer that reports it. Lua runs finalizers in the reverse order of
// marking, so marking the newest first reports the ops of one iteration in
// the order they were made, as CPython does when they are dropped in that
// order. (Across iterations the later ones come first.)
void settle(lua_State* L) {
  Kernel& k = kernel(L);
  for (lua_Integer i = k.fresh; i >= 1; --i) {
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

// Runs the entries that are ready now, in order; entries they add wait for
// the next call. Leaves the stack as it found it.
void run_ready(lua_State* L) {
  const int base = lua_gettop(L);
  Kernel& k = kernel(L);
  int taken = k.cur;
  lua_Integer count = k.n[taken];
  k.cur = 1 - taken;
  k.n[taken] = 0;
  int set = kQ0 + 3 * taken;
  for (lua_Integer i = 1; i <= count; ++i) {
    lua_rawgeti(L, up(set), i);
    lua_pushnil(L);
    lua_rawseti(L, up(set), i);
    if (lua_type(L, base + 1) == LUA_TTABLE) {  // a task's step
      lua_pushnil(L);
      step(L, base + 1, base + 2);
    } else {
      for (int t = 1; t < 3; ++t) {
        lua_rawgeti(L, up(set + t), i);
        lua_pushnil(L);
        lua_rawseti(L, up(set + t), i);
      }
      lua_call(L, 2, 0);
    }
    lua_settop(L, base);
  }
  settle(L);
}

// [-1, +0] calls the hook on the top of the stack, if it is a function;
// returns its first result's truth.
bool call_top(lua_State* L) {
  if (lua_type(L, -1) != LUA_TFUNCTION) {
    lua_pop(L, 1);
    return false;
  }
  lua_call(L, 0, 1);
  bool r = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return r;
}

// [-0, +0] calls sched[hook]() if the scheduler module (at index `sched`)
// has that hook; returns its first result's truth.
bool call_hook(lua_State* L, int sched, const char* hook) {
  lua_getfield(L, sched, hook);
  return call_top(L);
}
// The same for a hook whose name is the string in upvalue `key`: a raw
// lookup with a ready key costs half of lua_getfield's.
bool call_hook(lua_State* L, int sched, int key) {
  get(L, sched, key);
  return call_top(L);
}

// One iteration of the driver, as asyncio's BaseEventLoop._run_once: poll
// I/O (blocking only when nothing is ready), append the deadlines that came
// due, then run the ready entries. False when nothing is ready and nothing
// can ever become ready (no deadline, no I/O). The scheduler module
// (K[kSlotSched]) supplies the REPL's hooks and the deadline slots
// (scheduler.lua). Leaves the stack as it found it.
bool run_once(lua_State* L) {
  const int base = lua_gettop(L);
  Kernel& k = kernel(L);
  Loop& loop = *static_cast<Loop*>(lua_touserdata(L, up(kLoop)));
  lua_rawgeti(L, up(kState), kSlotSched);
  const int sched = base + 1;
  bool block = ready(k) == 0 && !call_hook(L, sched, kKeyIoReady);
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
      if (lua_rawgeti(L, sched + 1, i) == LUA_TNIL) {  // cancelled since
        lua_pop(L, 1);
        continue;
      }
      lua_rawgeti(L, sched + 2, i);
      lua_rawgeti(L, sched + 3, i);
      enqueue(L);
      for (int t = sched + 1; t <= sched + 3; ++t) {
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
  call_hook(L, sched, kKeyIoHook);
  lua_settop(L, base);
  if (outcome == PollOutcome::Stalled && ready(k) == 0) return false;
  run_ready(L);
  return true;
}

// run_once() -> progressed
int l_run_once(lua_State* L) {
  lua_settop(L, 0);
  lua_pushboolean(L, run_once(L));
  return 1;
}

// run_until(done) -> true, or false when the loop stalled first: runs
// iterations until done() is true or, when done is a Future or Task, until
// it is done (its _state is no longer nil, PENDING: future.lua), which
// spares a call into Lua per iteration. On a stall the scheduler's on_stall
// hook (the REPL's) may resolve it and return true, and the loop goes on.
int l_run_until(lua_State* L) {
  const bool future = lua_type(L, 1) == LUA_TTABLE;
  if (!future) luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 1);
  for (;;) {
    if (future) {
      get(L, 1, kKeyState);
    } else {
      lua_pushvalue(L, 1);
      lua_call(L, 0, 1);
    }
    bool done = lua_toboolean(L, 2);
    lua_settop(L, 1);
    if (done) break;
    if (!run_once(L)) {
      lua_rawgeti(L, up(kState), kSlotSched);
      bool resolved = call_hook(L, 2, "on_stall");
      lua_settop(L, 1);
      if (!resolved) {
        lua_pushboolean(L, 0);
        return 1;
      }
    }
  }
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

}  // namespace

void push_op(lua_State* L, OpKind kind, int core, int item) {
  auto* op = static_cast<Op*>(lua_newuserdatauv(L, sizeof(Op), kind == OpKind::Put ? 2 : 1));
  op->kind = kind;
  op->started = false;
  lua_pushvalue(L, up(kOpMt));
  lua_setmetatable(L, -2);
  lua_pushvalue(L, core);
  lua_setiuservalue(L, -2, 1);
  if (kind == OpKind::Put) {
    lua_pushvalue(L, item);
    lua_setiuservalue(L, -2, 2);
  }
  Kernel& k = kernel(L);
  op->generation = k.generation;
  op->slot = ++k.fresh;
  lua_pushvalue(L, -1);
  lua_rawseti(L, up(kFresh), op->slot);
}

namespace {

Op* to_op(lua_State* L, int i) {
  if (!lua_getmetatable(L, i)) return nullptr;
  const void* mt = lua_topointer(L, -1);
  const Kernel& k = kernel(L);
  bool is_op = mt == k.op_mt || mt == k.op_gc_mt;
  lua_pop(L, 1);
  return is_op ? static_cast<Op*>(lua_touserdata(L, i)) : nullptr;
}

int k_pass_results(lua_State* L, int, lua_KContext base) { return lua_gettop(L) - static_cast<int>(base); }

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
  return op->kind == OpKind::Get ? get_step(L) : put_step(L);
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

// op_close(op): marks it started (coroutine close: it will never run), and
// lets go of a put's item.
int l_op_close(lua_State* L) {
  Op* op = to_op(L, 1);
  if (op == nullptr) return 0;
  op->started = true;
  if (op->kind == OpKind::Put) {
    lua_pushnil(L);
    lua_setiuservalue(L, 1, 2);
  }
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
    {"call_soon", l_call_soon}, {"resume_task", l_resume_task}, {"settle", l_settle}, {"await_op", l_await_op},
    {"op_state", l_op_state},   {"op_close", l_op_close},       {"op_gc", l_op_gc},   {"op_tostring", l_op_tostring},
    {"run_once", l_run_once},   {"run_until", l_run_until},     {nullptr, nullptr},
};

}  // namespace

}  // namespace kernel

void open_kernel(lua_State* L, Loop& loop) {
  using namespace kernel;
  luaL_checkstack(L, 2 * kUpvalueCount + 10, "open_kernel");
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
  // A queue core's metatable: task.lua recognises a task waiting in a queue
  // by it (core.QueueCore), and reads _timer off any waiter (__index).
  lua_createtable(L, 0, 2);
  const int core_mt = lua_gettop(L);
  lua_pushliteral(L, "queue waiters");
  lua_setfield(L, core_mt, "__name");
  lua_newtable(L);
  lua_setfield(L, core_mt, "__index");
  lua_pushvalue(L, core_mt);
  lua_setfield(L, core, "QueueCore");
  static_assert(LUA_EXTRASPACE >= sizeof(Kernel*));
  if (lua_pushthread(L) != 1) luaL_error(L, "open_kernel: not the main thread");  // see kernel()
  lua_pop(L, 1);
  // The upvalues, in Upvalue order, from uv0 on.
  const int uv0 = lua_gettop(L) + 1;
  Kernel* k = new (lua_newuserdatauv(L, sizeof(Kernel), 0)) Kernel();
  *static_cast<Kernel**>(lua_getextraspace(L)) = k;
  k->op_mt = lua_topointer(L, op_mt);
  k->op_gc_mt = lua_topointer(L, op_gc_mt);
  k->core_mt = lua_topointer(L, core_mt);
  lua_pushlightuserdata(L, &loop);
  lua_newtable(L);  // K
  lua_pushvalue(L, -1);
  lua_setfield(L, core, "kernel_state");
  lua_pushinteger(L, kSlotCurrent);
  lua_setfield(L, core, "SLOT_CURRENT");
  lua_pushinteger(L, kSlotAwaitSlow);
  lua_setfield(L, core, "SLOT_AWAIT_SLOW");
  lua_pushinteger(L, kSlotSched);
  lua_setfield(L, core, "SLOT_SCHED");
  lua_newtable(L);  // AWAIT marker: task.lua takes it from core.AWAIT
  k->await = lua_topointer(L, -1);
  lua_pushvalue(L, -1);
  lua_setfield(L, core, "AWAIT");
  for (int i = 0; i < 7; ++i) lua_newtable(L);  // two sets of fn, a, b; FRESH
  lua_pushvalue(L, op_mt);
  lua_pushvalue(L, op_gc_mt);
  lua_pushvalue(L, core_mt);
  for (const char* key : kKeys) lua_pushstring(L, key);
  for (const luaL_Reg* funcs : {kernel_funcs, queue_funcs}) {
    lua_pushvalue(L, core);  // the table luaL_setfuncs fills, below its own copy of the upvalues
    for (int i = 0; i < kUpvalueCount; ++i) lua_pushvalue(L, uv0 + i);
    luaL_setfuncs(L, funcs, kUpvalueCount);
    lua_pop(L, 1);
  }
  lua_settop(L, uv0 - 1);
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
