// The end of a plain task, in C: what task.lua's after_resume and finish and
// future.lua's set_results do when a task's body returned DONE, true
// and at most one result, and nothing else needs their care -- no scope left
// open, no cancellation requested, no tracer. step.cpp calls finish_plainly
// instead of after_resume when returned_plainly and ends_plainly hold.
//
// Invariants: finish_plainly writes the same fields as finish and
// set_results do for such a task (a change to either changes this file
// too); no user code runs meanwhile, so their order does not matter. Nor
// does any code it runs read the current task (push_current_task): it runs
// after the step made the previous one current again.
//
// Why in C: most tasks end this way, and the Lua path is three calls with
// varargs and a dozen field accesses through the interpreter (W1, W3). Why
// a plain C++ call from the step, not a binding it calls: the call and the
// protection the step needed around it (to put the previous task back
// should it raise) cost ~300 instructions a task (W1).
#include "kernel/kernel.hpp"
#include "kernel/wait.hpp"

namespace luasync::kernel {

bool returned_plainly(const Kernel& k, lua_State* co, int nres) {
  if (k.trace || (nres != 2 && nres != 3)) return false;
  if (lua_topointer(co, -nres) != k.done) return false;
  if (lua_type(co, -nres + 1) != LUA_TBOOLEAN || !lua_toboolean(co, -nres + 1)) return false;
  // A table or a userdata could be a coroutine object that the task runs
  // next (after_resume: spawn(fn) where fn returns one).
  const int type = nres == 3 ? lua_type(co, -1) : LUA_TNIL;
  return type != LUA_TTABLE && type != LUA_TUSERDATA;
}

namespace {

// [-1, +0] Schedules the done callback on the top of the stack (of Lua type
// `type`) of the task at `task` (numbered seq, 0 if named), which finished
// with its results (the value at `result`, none for 0), as future.lua's
// schedule_one:
// a waiting task is woken, one of the runtime's own functions (in the set
// future.lua's internal, fetched at `*internal` the first time it is
// needed: gather's callbacks and waiting tasks need it not) scheduled as
// cb(task), a user's as run_callback(cb, task).
void schedule_one(lua_State* L, int type, int task, lua_Integer seq, int result, int* internal) {
  if (type != LUA_TFUNCTION) {
    wake_waiting(L, lua_gettop(L));
    lua_pop(L, 1);
    return;
  }
  // gather's callbacks are all the runtime's own (gather.cpp); the most
  // common, they are known without a lookup in the set, and most often
  // count the task at once.
  bool own = is_gather_callback(L, -1);
  if (own && gather_counts_now(L, lua_gettop(L), seq, result)) {
    lua_pop(L, 1);
    return;
  }
  if (!own) {
    if (*internal == 0) {
      // Below the callback, where the stack above it stays as it was.
      lua_rawgeti(L, up(L, kState), kSlotInternal);
      lua_insert(L, -2);
      *internal = lua_gettop(L) - 1;
    }
    lua_pushvalue(L, -1);
    own = lua_rawget(L, *internal) != LUA_TNIL;
    lua_pop(L, 1);
  }
  if (own) {
    lua_pushvalue(L, task);
    lua_pushnil(L);
  } else {
    lua_rawgeti(L, up(L, kState), kSlotRunCallback);
    lua_insert(L, -2);
    lua_pushvalue(L, task);
  }
  enqueue(L);
}

// What take_done_callbacks found, by the types the reads answered (each
// test of a value on the stack is an API call): the Lua type of CB (nil,
// false, or a callback) and whether the list _callbacks is a table.
struct DoneCallbacks {
  int cb_type;
  bool list;
};

// [-0, +2] What future.lua's set_results does first for the task at
// `task`, which is finishing with its results, nothing tracing: pushes its
// done callbacks, CB and the list _callbacks (nil for a task with no named
// field), and takes them off the task. Clearing existing fields allocates
// nothing.
DoneCallbacks take_done_callbacks(lua_State* L, int task, bool named) {
  const int cb_type = lua_rawgeti(L, task, kFieldCb);
  const int list_type = named ? get_named(L, task, kSlotKeyCallbacks) : (lua_pushnil(L), LUA_TNIL);
  if (cb_type != LUA_TNIL) {  // a callback (or false)
    lua_pushnil(L);
    lua_rawseti(L, task, kFieldCb);
  }
  if (list_type != LUA_TNIL) {
    set_named_at(L, task, kSlotKeyCallbacks, 0);
  }
  // CB is false or a callback: only a boolean needs its value read.
  const bool cb = cb_type != LUA_TNIL && (cb_type != LUA_TBOOLEAN || lua_toboolean(L, -2));
  return {cb ? cb_type : LUA_TNIL, list_type == LUA_TTABLE};
}

// [-2, +0] The second half, once the task is done: schedules the callbacks
// take_done_callbacks pushed (at first, first + 1; what it found: found) in
// the order they were added (seq and result: as schedule_one's).
void schedule_done_callbacks(lua_State* L, int task, lua_Integer seq, int result, int first, DoneCallbacks found) {
  const int cbs = first + 1;
  int internal = 0;
  if (found.cb_type != LUA_TNIL) {
    lua_pushvalue(L, first);
    schedule_one(L, found.cb_type, task, seq, result, &internal);
  }
  if (found.list) {
    const lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, cbs));
    for (lua_Integer i = 1; i <= n; ++i) {
      const int type = lua_rawgeti(L, cbs, i);
      schedule_one(L, type, task, seq, result, &internal);
    }
  }
  lua_settop(L, first - 1);
}

}  // namespace

// Reads only: whether no scope is open and no cancellation requested.
bool ends_plainly(lua_State* L, const Kernel& k, int task, bool* named) {
  *named = !no_named_fields(L, task);  // leaves the stack as it was
  if (*named) {
    const bool scopes = get_named(L, task, kSlotKeyScopes) != LUA_TNIL;
    lua_pop(L, 1);
    if (scopes) return false;
  }
  return !cancel_pending(L, k, task);
}

void finish_plainly(lua_State* L, int task, int result, bool named) {
  KERNEL_STACK_MARK(L);
  const int top = lua_gettop(L);
  // finish: the task is no longer pending (all_tasks) and keeps no
  // awaited failure.
  lua_Integer seq = 0;
  if (lua_rawgeti(L, task, kFieldSeq) == LUA_TNUMBER) {
    seq = lua_tointeger(L, -1);
    lua_pushnil(L);
    lua_rawseti(L, up(L, kLive), seq);
  } else {
    lua_rawgeti(L, up(L, kState), kSlotLiveNamed);
    lua_pushvalue(L, task);
    lua_pushnil(L);
    lua_rawset(L, -3);
  }
  lua_settop(L, top);
  if (named) {
    if (get_named(L, task, kSlotKeyAwaitedFailure) != LUA_TNIL) set_named_at(L, task, kSlotKeyAwaitedFailure, 0);
    lua_settop(L, top);
  }
  // finish: a finished task lets go of its coroutine and its waiter.
  lua_pushnil(L);
  lua_rawseti(L, task, kFieldCo);
  if (named) set_nil(L, task, kKeyFutWaiter);
  const int callbacks = top + 1;
  const DoneCallbacks found = take_done_callbacks(L, task, named);
  // set_results
  if (result != 0) {
    lua_pushvalue(L, result);
  } else {
    lua_rawgeti(L, up(L, kState), kSlotNoResults);
  }
  lua_rawseti(L, task, kFieldResult);
  lua_rawgeti(L, up(L, kState), kSlotFinished);
  lua_rawseti(L, task, kFieldState);
  ++kernel(L).done_count;
  schedule_done_callbacks(L, task, seq, result, callbacks, found);
  KERNEL_STACK_CHECK(L, 0);
}

}  // namespace luasync::kernel
