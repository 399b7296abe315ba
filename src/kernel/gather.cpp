// gather's bookkeeping (asyncio/combinators.lua), in C where it runs once a
// child: the registration of its done callback on the children that are
// pending tasks, and that callback, which counts the children done.
// combinators.lua keeps the rest: the options, the outer future, the
// children that are not pending tasks, and each completion the callback
// hands back to it (gather's `slow`): a child that failed or was cancelled
// (unless return_exceptions), one done after the outer future, the last.
//
// Why: bench W1 (spawn + gather) spent ~2,500 instructions a child calling
// a Lua closure whose field reads missed through the classes' __index, and
// ~1,000 registering it.
//
// Invariants:
// - A gather's callback is one C closure (the kernel's upvalues, then its
//   counts), marked as the runtime's own (future.lua's internal) by
//   combinators.lua, so a child's completion calls it as cb(child), from
//   its ready entry, as it called the Lua closure before: the event order
//   is the same.
// - nfuts is complete before any callback runs: combinators.lua adds the
//   children it registered itself (gather_count) before it runs those that
//   were done already, and the others run from ready entries later.
// - nscheduled counts the completions handed to the callback so far, each
//   when it is scheduled (finish.cpp, future.lua's schedule_one through
//   gather_scheduled) or, for a child done already, run (combinators.lua).
//   A child that finished with its results while another has not finished
//   yet (nscheduled < nfuts) is counted at once (gather_counts_now), not
//   from a ready entry of its own: its callback would only have counted it
//   (the outer future cannot complete before that other child), and every
//   callback scheduled before it does nothing that it would see. The last
//   child's callback, and every child's that failed or was cancelled, run
//   from their entries as in asyncio: the outer future completes in the
//   same callback, at the same place in the same iteration (bench W1: a
//   ready entry and a call less a child).
#include <climits>
#include <new>

#include "kernel/kernel.hpp"
#include "kernel/wait.hpp"

namespace luasync::kernel {

namespace {

enum GatherUpvalue : int { kGatherCounts = kKernelUpvalues + 1 };

// A gather's counts. User values: 1 the outer future, 2 slow(child,
// nfinished, nfuts), 3 the results as recorded (first_seq).
struct GatherCounts {
  lua_Integer nfuts = 0;       // children whose completion it waits for
  lua_Integer nfinished = 0;   // completions counted so far
  lua_Integer nscheduled = 0;  // completions handed to the callback so far
  // Not 0: the children are the tasks Task-<first_seq> .. Task-<first_seq +
  // nfuts - 1>, in order, each registered once, and nothing else (what
  // gather(table.unpack(tasks)) of tasks spawned in a row gives). Each
  // child that finishes with its results (finish.cpp) has its first one
  // recorded at its place in user value 3 as it finishes (`recorded` counts
  // them): a result never changes once set, so gather_results takes the
  // list as it is when every child was recorded, instead of reading each
  // child's state, _failed, _multi and result (bench W1: ~470 instructions
  // a child).
  lua_Integer first_seq = 0;
  lua_Integer recorded = 0;
  bool return_exceptions = false;
};

// cb(child): a child is done. The usual case -- not the last, the outer
// future pending, the child finished with its results (or any outcome under
// return_exceptions) -- needs nothing but the count.
int l_child_done(lua_State* L) {
  auto* g = static_cast<GatherCounts*>(lua_touserdata(L, up(L, kGatherCounts)));
  const lua_Integer done = ++g->nfinished;
  lua_settop(L, 1);
  if (done < g->nfuts) {
    lua_getiuservalue(L, up(L, kGatherCounts), 1);                          // 2: the outer future
    const bool outer_pending = lua_rawgeti(L, 2, kFieldState) == LUA_TNIL;  // 3
    if (outer_pending && g->return_exceptions) return 0;
    if (outer_pending) {
      lua_rawgeti(L, 1, kFieldState);  // 4
      const bool finished = lua_topointer(L, 4) == kernel(L).finished;
      get_named(L, 1, kSlotKeyFailed);  // 5
      if (finished && !lua_toboolean(L, 5)) return 0;
    }
    lua_settop(L, 1);
  }
  lua_getiuservalue(L, up(L, kGatherCounts), 2);
  lua_pushvalue(L, 1);
  lua_pushinteger(L, done);
  lua_pushinteger(L, g->nfuts);
  lua_call(L, 3, 0);
  return 0;
}

}  // namespace

bool is_gather_callback(lua_State* L, int i) { return lua_tocfunction(L, i) == l_child_done; }

bool gather_counts_now(lua_State* L, int cb, lua_Integer seq, int result) {
  const int top = lua_gettop(L);
  lua_getupvalue(L, cb, kGatherCounts);  // the callback holds it: g outlives the pop
  auto* g = static_cast<GatherCounts*>(lua_touserdata(L, -1));
  if (g->first_seq != 0 && seq >= g->first_seq && seq - g->first_seq < g->nfuts) {
    if (result != 0) {
      lua_getiuservalue(L, -1, 3);
      lua_pushvalue(L, result);
      lua_rawseti(L, -2, seq - g->first_seq + 1);  // an existing slot: allocates nothing
    }
    ++g->recorded;
  }
  lua_settop(L, top);
  if (++g->nscheduled >= g->nfuts) return false;
  ++g->nfinished;
  return true;
}

namespace {

// gather_callback(outer, slow, return_exceptions) -> cb
int l_gather_callback(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  const bool return_exceptions = lua_toboolean(L, 3);
  lua_settop(L, 2);
  auto* g = new (lua_newuserdatauv(L, sizeof(GatherCounts), 3)) GatherCounts();
  g->return_exceptions = return_exceptions;
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 1);
  lua_pushvalue(L, 2);
  lua_setiuservalue(L, -2, 2);
  push_kernel_closure(L, l_child_done);
  return 1;
}

// The counts of the callback at index cb (made by gather_callback).
GatherCounts* counts_of(lua_State* L, int cb) {
  const bool ok = lua_tocfunction(L, cb) == l_child_done && lua_getupvalue(L, cb, kGatherCounts) != nullptr;
  luaL_argexpected(L, ok, 1, "gather callback");
  auto* g = static_cast<GatherCounts*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  return g;
}

// What register_child found: the value is not a pending Task (NotTask), or
// cb became its next done callback (Added), or cb is its last one already
// (Again: the same task given twice).
enum class Child { NotTask, Added, Again };

// Whether the value at i is a pending Task (its class Task itself, no
// STATE), and if so, the callback at 1 becomes its next done callback
// unless it is its last one already (wait.hpp's add_waiter_once); *seq its
// SEQ (0 for a named task). Read in one go, the stack cut once (each pop is
// an API call): the usual child, a task nothing else waits for, takes the
// callback in its CB. May raise (memory) before the callback is added.
Child register_child(lua_State* L, Kernel& k, int i, lua_Integer* seq) {
  const int top = lua_gettop(L);
  if (!lua_getmetatable(L, i)) return Child::NotTask;
  if (k.task_mt == nullptr) {
    lua_rawgeti(L, up(L, kState), kSlotTaskMt);
    k.task_mt = lua_topointer(L, -1);
    lua_pop(L, 1);
  }
  if (lua_topointer(L, -1) != k.task_mt || lua_rawgeti(L, i, kFieldState) != LUA_TNIL) {
    lua_settop(L, top);
    return Child::NotTask;
  }
  *seq = lua_rawgeti(L, i, kFieldSeq) == LUA_TNUMBER ? lua_tointeger(L, -1) : 0;
  const int cb_type = lua_rawgeti(L, i, kFieldCb);
  if (cb_type == LUA_TNIL || (cb_type == LUA_TBOOLEAN && !lua_toboolean(L, -1))) {
    // Its CB is empty: the callback's copy replaces it there (an existing
    // slot: allocates nothing).
    lua_copy(L, 1, -1);
    lua_rawseti(L, i, kFieldCb);
    lua_settop(L, top);
    return Child::Added;
  }
  lua_settop(L, top);
  return add_waiter_once(L, i, 1) ? Child::Added : Child::Again;
}

// gather_register(cb, children, ...) -> k: for each argument after children
// in turn while it is a pending Task, children[i] = it, and, unless cb is
// its last done callback already (the same task given twice), cb becomes
// its next one and counts it. Answers how many it took; combinators.lua
// goes on from there. When it took them all, tasks numbered in a row, the
// gather records their results as they finish (GatherCounts::first_seq).
int l_gather_register(lua_State* L) {
  GatherCounts* g = counts_of(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  Kernel& k = kernel(L);
  const int n = lua_gettop(L) - 2;
  lua_Integer first_seq = 0;
  bool in_a_row = g->nfuts == 0;
  int i = 1;
  for (; i <= n; ++i) {
    const int arg = i + 2;
    lua_Integer seq = 0;
    const Child child = register_child(L, k, arg, &seq);  // may raise (memory): the count follows it
    if (child == Child::NotTask) break;
    if (in_a_row) {
      if (i == 1) first_seq = seq;
      in_a_row = seq > 0 && seq == first_seq + (i - 1);
    }
    if (child == Child::Added) {
      ++g->nfuts;
    } else {
      in_a_row = false;
    }
    lua_pushvalue(L, arg);
    lua_rawseti(L, 2, i);
  }
  if (in_a_row && n > 0 && i > n) {
    // The list the results go to, at its size (it becomes the outer
    // future's results). first_seq last: should this raise (memory),
    // gather() raises, as when a registration above does, and this gather
    // records nothing.
    lua_getupvalue(L, 1, kGatherCounts);
    lua_createtable(L, n, 1);
    lua_pushinteger(L, n);
    lua_setfield(L, -2, "n");
    lua_setiuservalue(L, -2, 3);
    lua_pop(L, 1);
    g->first_seq = first_seq;
  }
  lua_pushinteger(L, i - 1);
  return 1;
}

// gather_results(children, cb) -> results, i: the results of the children
// of the gather whose callback is cb, as combinators.lua's last child takes
// them, for children[1 .. i - 1], each finished with its results (its
// first one, nil for none); i is the first child that is not (cancelled,
// or failed), for combinators.lua to take from there, or #children + 1.
// results.n is #children.
//
// Why in C: each child's _failed and _multi are read by missing through the
// classes' __index (a finished task has neither field), ~700 instructions
// a child in Lua (bench W1).
int l_gather_results(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const GatherCounts* g = counts_of(L, 2);
  lua_settop(L, 2);
  const lua_Integer n = luaL_len(L, 1);
  if (n < 0 || n >= INT_MAX) luaL_argerror(L, 1, "too many children");
  if (g->first_seq != 0 && g->recorded == n) {
    // Every child's result recorded as it finished.
    lua_getupvalue(L, 2, kGatherCounts);
    lua_getiuservalue(L, -1, 3);
    lua_pushinteger(L, n + 1);
    return 2;
  }
  lua_settop(L, 1);
  Kernel& k = kernel(L);
  lua_createtable(L, static_cast<int>(n), 1);  // 2: results
  lua_pushinteger(L, n);
  lua_setfield(L, 2, "n");
  lua_rawgeti(L, up(L, kState), kSlotNoResults);  // 3
  const void* no_results = lua_topointer(L, 3);
  // 4, 5: the field names, fetched once
  for (int slot : {kSlotKeyFailed, kSlotKeyMulti}) lua_rawgeti(L, up(L, kState), slot);
  constexpr int failed_key = 4, multi_key = 5, child = 6;
  lua_Integer i = 1;
  for (; i <= n; ++i) {
    // 6 the child, 7 its STATE, 8 _failed, 9 _multi, 10 its RESULT: read in
    // one go, the stack cut once a child (each pop is an API call).
    if (lua_rawgeti(L, 1, i) != LUA_TTABLE) break;
    const bool finished = lua_rawgeti(L, child, kFieldState) == LUA_TSTRING && lua_topointer(L, -1) == k.finished;
    lua_pushvalue(L, failed_key);
    const bool failed = lua_rawget(L, child) != LUA_TNIL && lua_toboolean(L, -1);
    if (!finished || failed) break;
    lua_pushvalue(L, multi_key);
    const bool multi = lua_rawget(L, child) != LUA_TNIL && lua_toboolean(L, -1);
    lua_rawgeti(L, child, kFieldResult);
    if (multi || lua_topointer(L, -1) == no_results) {
      lua_rawgeti(L, -1, 1);
      lua_replace(L, -2);
    }
    lua_rawseti(L, 2, i);
    lua_settop(L, multi_key);
  }
  lua_settop(L, 2);
  lua_pushinteger(L, i);
  return 2;
}

// gather_count(cb, k): k more children (registered by combinators.lua).
int l_gather_count(lua_State* L) {
  GatherCounts* g = counts_of(L, 1);
  g->nfuts += luaL_checkinteger(L, 2);
  return 0;
}

// gather_scheduled(cb): a child's completion is handed to cb (scheduled, or
// run for a child done already).
int l_gather_scheduled(lua_State* L) {
  ++counts_of(L, 1)->nscheduled;
  return 0;
}

}  // namespace

extern const luaL_Reg gather_funcs[] = {
    {"gather_register", l_gather_register},
    {nullptr, nullptr},
};

// K alone: these read no kernel upvalue but K (kernel.hpp's kOnlyState).
extern const luaL_Reg gather_k_funcs[] = {
    {"gather_callback", l_gather_callback},
    {"gather_count", l_gather_count},
    {"gather_scheduled", l_gather_scheduled},
    {"gather_results", l_gather_results},
    {nullptr, nullptr},
};

}  // namespace luasync::kernel
