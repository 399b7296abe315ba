// asyncio.sleep(delay, ...): an op (ops.hpp) whose step waits for a deadline
// and gives back the extra arguments. sleep(0) or less waits on nothing: the
// task goes to the back of the ready queue, as asyncio's bare yield. A NaN
// delay raises ValueError at the await, as CPython's coroutine does.
//
// The op's user value 1 holds what await gives back: the one value, or a
// table of nresults values when there are several (with their count as its
// field n when it is kManyResults or more).
#include <algorithm>

#include "kernel/kernel.hpp"
#include "kernel/ops.hpp"
#include "kernel/wait.hpp"
#include "lua/errors.hpp"

namespace luasync::kernel {

namespace {

std::uint8_t sleep_kind;

// [-0, +n] Pushes the n results of the op at 1.
int push_results(lua_State* L, int n) {
  if (n == 0) return 0;
  lua_getiuservalue(L, 1, 1);
  if (n == 1) return 1;
  const int t = lua_gettop(L);
  luaL_checkstack(L, n, "too many results to sleep");
  for (int i = 1; i <= n; ++i) lua_rawgeti(L, t, i);
  lua_remove(L, t);
  return n;
}

// The sleep resumed: woken by its deadline (nothing above what its frame
// kept), or with an error to raise (cancelled). The context is the count of
// its results, or kNoOp: a bare sleep(0), whose frame kept nothing. A sleep
// with no results wakes without touching its op, which a million sleepers'
// wake-ups would each miss in the cache (W3).
constexpr lua_KContext kNoOp = -1;

// A sleep that ended lets go of its results, as CPython's finished
// coroutine drops its frame: an op the program still holds keeps none
// alive. (Ops without results skip it: W3's sleepers.)
void drop_results(lua_State* L) {
  lua_pushnil(L);
  lua_setiuservalue(L, 1, 1);
}

int k_slept(lua_State* L, int, lua_KContext nresults) {
  const int kept = nresults == kNoOp ? 0 : 1;  // the op
  if (lua_gettop(L) > kept && !lua_isnil(L, kept + 1)) {
    lua_settop(L, kept + 1);
    if (nresults > 0) drop_results(L);
    return lua_error(L);
  }
  if (nresults <= 0) return 0;
  lua_settop(L, 1);
  const int n = push_results(L, static_cast<int>(nresults));
  drop_results(L);
  return n;
}

// The count of the results of the sleep op at 1.
lua_KContext results_of(lua_State* L, const Op* op) {
  if (op->nresults != kManyResults) return op->nresults;
  lua_getiuservalue(L, 1, 1);
  lua_getfield(L, -1, "n");
  const lua_Integer n = lua_tointeger(L, -1);
  lua_pop(L, 2);
  return static_cast<lua_KContext>(n);
}

int sleep_step(lua_State* L) {
  auto* op = static_cast<Op*>(lua_touserdata(L, 1));
  const std::uint64_t gen = wait_prepare(L);
  push_current_task(L);
  const int task = lua_gettop(L);
  if (op->delay <= 0) {
    yield_turn(L, task, gen);
    if (op->nresults == 0) {
      // Its frame lets go of the op, which nothing needs any more (no
      // deadline to cancel, no result to give): a task that waits its turn
      // keeps no op alive (W1: 200,000 of them in one batch).
      lua_settop(L, 0);
      return suspend(L, kNoOp, k_slept);
    }
  } else {
    // NaN (neither <= 0 nor more) is refused here, when the sleep runs, as
    // CPython's sleep, a coroutine, refuses it at its await: gather(a(),
    // sleep(nan)) runs a() first. (No deadline may be NaN: the heap orders them.)
    if (__builtin_expect(op->delay != op->delay, 0)) {
      return raise_error(L, "ValueError", "Invalid delay: NaN (not a number)");
    }
    const double when = kernel(L).loop->clock().now() + op->delay;
    op->deadline = add_wake_deadline(L, when, task);
    op->armed = true;
    wait_begin(L, 1, gen, task);
  }
  lua_settop(L, 1);
  return suspend(L, results_of(L, op), k_slept);
}

bool sleep_abort(lua_State* L, Op* op, int, int task) {
  // A deadline that came due already left its wake-up in the ready queue:
  // that wake-up finds the wait aborted, and is dropped.
  cancel_deadline(L, op->deadline, task);
  return true;
}

// sleep(delay, ...) -> op
int l_sleep(lua_State* L) {
  const int n = lua_gettop(L);
  if (lua_type(L, 1) != LUA_TNUMBER) return bad_argument(L, 1, "sleep", "number");
  const lua_Number delay = lua_tonumber(L, 1);  // NaN is refused at the await (sleep_step)
  const int nresults = n - 1;
  if (nresults > 1) {
    lua_createtable(L, nresults, nresults >= kManyResults ? 1 : 0);
    for (int i = 2; i <= n; ++i) {
      lua_pushvalue(L, i);
      lua_rawseti(L, -2, i - 1);
    }
    if (nresults >= kManyResults) {
      lua_pushinteger(L, nresults);
      lua_setfield(L, -2, "n");
    }
  }
  Op* op = push_op(L, sleep_kind, nresults > 0 ? 1 : 0);
  op->delay = delay;
  op->nresults = static_cast<std::uint8_t>(std::min(nresults, static_cast<int>(kManyResults)));
  if (nresults == 1) {
    lua_pushvalue(L, 2);
    lua_setiuservalue(L, -2, 1);
  } else if (nresults > 1) {
    lua_pushvalue(L, -2);
    lua_setiuservalue(L, -2, 1);
  }
  return 1;
}

// sleep_left(op, task) -> seconds until the deadline of the sleep `task`
// waits in, or nil (not such a sleep, or its deadline came already: the
// slot then no longer names the task, whatever its id now holds).
int l_sleep_left(lua_State* L) {
  Op* op = to_op(L, 1);
  if (op == nullptr || op->kind != sleep_kind || !op->armed) return 0;
  lua_settop(L, 2);
  lua_rawgeti(L, up(L, kDeadA), static_cast<lua_Integer>(op->deadline) + 1);
  if (!lua_rawequal(L, -1, 2)) return 0;
  Loop& loop = *kernel(L).loop;
  std::optional<double> when = loop.deadlines().when(op->deadline);
  if (!when) return 0;
  lua_pushnumber(L, *when - loop.clock().now());
  return 1;
}

const luaL_Reg sleep_funcs[] = {
    {"sleep", l_sleep},
    {"sleep_left", l_sleep_left},
    {nullptr, nullptr},
};

}  // namespace

void open_sleep(lua_State* L, int t) {
  sleep_kind = register_op_kind(L, OpKind{"sleep", sleep_step, sleep_abort, true});
  register_funcs(L, t, sleep_funcs, 0);
}

}  // namespace luasync::kernel
