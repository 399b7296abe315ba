// Library coroutine objects (ops.hpp): making them, `await` of them, and the
// settle that gives a finalizer to those left unstarted.
#include "kernel/ops.hpp"

#include <algorithm>
#include <climits>
#include <new>

#include "kernel/kernel.hpp"
#include "kernel/lua_layout.hpp"
#include "kernel/wait.hpp"
#include "lua/errors.hpp"
#include "runtime/clock.hpp"

namespace luasync::kernel {

std::uint8_t register_op_kind(lua_State* L, const OpKind& kind) {
  Kernel& k = kernel(L);
  k.op_kinds.push_back(kind);
  return static_cast<std::uint8_t>(k.op_kinds.size() - 1);
}

namespace {
// The op keeps where it was made (Kernel::Where), at its FRESH slot.
// Without the memory for it, it keeps nothing (it would be reported without
// a place, not fail).
void keep_where(Kernel& k, Op* op, Kernel::Where where) {
  if (op->slot >= k.fresh_where.size()) {
    try {
      k.fresh_where.resize(std::max<std::size_t>(op->slot + 1, 2 * k.fresh_where.size()));
    } catch (const std::bad_alloc&) {
      return;
    }
  }
  k.fresh_where[op->slot] = where;
  op->kept_where = true;
}

// [-1, +0] FRESH_WHERE keeps the value on the top of the stack (a function,
// or debug mode's origin) until the next settle: answers its index there.
// The index is taken before the store, which may run finalizers (memory)
// that make ops of their own: theirs are the next ones.
std::uint32_t store_where(lua_State* L, Kernel& k) {
  const lua_Integer i = ++k.where_n;
  lua_rawseti(L, up(L, kFreshWhere), i);
  return static_cast<std::uint32_t>(i);
}

// Where the running C function was called from: its caller's line and the
// caller in FRESH_WHERE, or nothing (fn 0) for a C caller, none of the
// user's lines. The place looked up last is known by its position alone
// (Kernel::where_pc): a loop's sleeps cost no lua_getinfo but the first.
Kernel::Where caller_where(lua_State* L, Kernel& k) {
  lua_Debug ar;
  if (!lua_getstack(L, 1, &ar)) return {};
  const void* pc = lua_layout::call_position(ar.i_ci);
  if (pc == k.where_pc && pc != nullptr) return k.where_last;
  if (!lua_getinfo(L, "lf", &ar) || ar.currentline < 0) {
    lua_pop(L, 1);
    return {};
  }
  // Another line of the function stored last needs no second copy.
  const void* f = lua_topointer(L, -1);
  std::uint32_t fn;
  if (f == k.where_fn) {
    lua_pop(L, 1);
    fn = k.where_last.fn;
  } else {
    fn = store_where(L, k);
    k.where_fn = f;
  }
  k.where_pc = pc;
  k.where_last = {static_cast<std::uint32_t>(ar.currentline), fn};
  return k.where_last;
}
}  // namespace

Op* push_op(lua_State* L, std::uint8_t kind, int nuv) {
  KERNEL_STACK_MARK(L);
  auto* op = static_cast<Op*>(lua_newuserdatauv(L, sizeof(Op), nuv));
  *op = Op{};
  op->kind = kind;
  op->nuv = static_cast<std::uint8_t>(nuv);
  lua_pushvalue(L, up(L, kOpMt));
  lua_setmetatable(L, -2);
  Kernel& k = kernel(L);
  op->slot = static_cast<std::uint32_t>(++k.fresh);
  if (k.fresh > k.fresh_high) k.fresh_high = k.fresh;
  lua_pushvalue(L, -1);
  lua_rawseti(L, up(L, kFresh), op->slot);
  k.last_fresh = op;
  if (k.debug) {
    // Debug mode: the user's frames that made it (task.lua's coro_origin),
    // a string where the caller's function goes otherwise; line stays 0.
    push_lua_fn(L, LuaFn::CoroOrigin);
    lua_call(L, 0, 1);
    keep_where(k, op, {0, store_where(L, k)});
  } else if (k.op_kinds[kind].where) {
    const Kernel::Where where = caller_where(L, k);
    if (where.fn != 0) keep_where(k, op, where);
  }
  KERNEL_STACK_CHECK(L, 1);
  return op;
}

void fresh_add(lua_State* L, int i) {
  Kernel& k = kernel(L);
  k.last_fresh = lua_topointer(L, i);
  lua_pushvalue(L, i);
  lua_rawseti(L, up(L, kFresh), ++k.fresh);
  if (k.fresh > k.fresh_high) k.fresh_high = k.fresh;
}

Op* to_op(lua_State* L, int i) {
  if (!lua_getmetatable(L, i)) return nullptr;
  bool is_op = lua_topointer(L, -1) == kernel(L).op_mt;
  lua_pop(L, 1);
  return is_op ? static_cast<Op*>(lua_touserdata(L, i)) : nullptr;
}

// Lua finalizers run in the reverse order of marking, so marking the newest
// first reports the ops of one iteration in the order they were made, as
// CPython does when they are dropped in that order. (Across iterations the
// later ones come first.)
// Whether the coroutine object on the top of the stack is unstarted.
bool unstarted_top(lua_State* L, int type) {
  if (type == LUA_TUSERDATA) {
    const Op* op = static_cast<Op*>(lua_touserdata(L, -1));
    return !op->started && !op->claimed;
  }
  if (type != LUA_TTABLE) return false;
  // (raw: a coroutine object's __index is a function, task.lua's)
  lua_pushliteral(L, "started");
  bool started = lua_rawget(L, -2) != LUA_TNIL && lua_toboolean(L, -1);
  lua_pop(L, 1);
  return !started;
}

namespace {
// [-0, +0] FRESH[i] lets go of what it holds.
void clear_fresh(lua_State* L, lua_Integer i) {
  lua_pushnil(L);
  lua_rawseti(L, up(L, kFresh), i);
}

// [-0, +0] FRESH_WHERE lets go of the places of the ops settled, and
// push_op looks the next place up.
void clear_where(lua_State* L, Kernel& k) {
  for (lua_Integer i = k.where_n; i >= 1; --i) {
    lua_pushnil(L);
    lua_rawseti(L, up(L, kFreshWhere), i);
  }
  k.where_n = 0;
  k.where_pc = nullptr;
  k.where_fn = nullptr;
}
}  // namespace

void let_go_of_fresh(lua_State* L, Kernel& k) {
  // (The vector first: the shrink's call may run a collection step, whose
  // finalizers may make ops that record their place in it.)
  std::vector<Kernel::Where>().swap(k.fresh_where);
  k.fresh_held = 0;
  const int ups[] = {kFresh, kFreshWhere};
  shrink_tables(L, ups, 2);
}

lua_Integer settle(lua_State* L, bool record) {
  KERNEL_STACK_MARK(L);
  Kernel& k = kernel(L);
  lua_Integer recorded = 0;
  // (fresh_high >= fresh: every op made raises it.) The one cost of FRESH's
  // room on this path: run_ready's batch end decides about it.
  if (k.fresh_high > k.fresh_held) k.fresh_held = k.fresh_high;
  // Ops awaited while last left their slots (l_await): let go of them.
  for (lua_Integer i = k.fresh_high; i > k.fresh; --i) clear_fresh(L, i);
  k.fresh_high = 0;
  for (lua_Integer i = k.fresh; i >= 1; --i) {
    const int type = lua_rawgeti(L, up(L, kFresh), i);
    if (unstarted_top(L, type)) {
      k.armed = true;
      // It gets a guard, a new object whose finalizer reports it, which only
      // it holds, so the guard is garbage when it is: an op's is
      // K[kSlotOpGuards][op] (weak keys), a coroutine object's of coro.cpp
      // its _guard. Why not the object's own metatable with __gc: Lua sets
      // a finalizer only with the metatable (task.lua's Coro is the class),
      // and it finds the object by walking its list of all objects from the
      // newest: for an object made long ago -- ops that a loop made and
      // create_task or gather holds, thousands in one step -- the walk
      // passed everything made since, each time (quadratic: 40,000
      // sleep ops gathered took 2.7 s). A guard is the newest object.
      if (type == LUA_TUSERDATA) {
        const int op = lua_gettop(L);
        // {op, where, line}: where it was made, if the op kept it (push_op).
        lua_createtable(L, 3, 0);
        lua_pushvalue(L, op);
        lua_rawseti(L, -2, 1);
        if (static_cast<Op*>(lua_touserdata(L, op))->kept_where) {
          const Kernel::Where where = k.fresh_where[static_cast<std::size_t>(i)];
          lua_rawgeti(L, up(L, kFreshWhere), where.fn);
          lua_rawseti(L, -2, 2);
          lua_pushinteger(L, where.line);
          lua_rawseti(L, -2, 3);
        }
        lua_rawgeti(L, up(L, kState), kSlotOpGuards);
        lua_pushvalue(L, op);
        lua_pushvalue(L, -3);
        lua_rawset(L, -3);
        lua_pop(L, 1);
        // The metatable last, as below.
        lua_pushvalue(L, up(L, kOpGuardMt));
        lua_setmetatable(L, -2);
        lua_settop(L, op);
      } else {
        // The metatable last: a guard the object failed to take (out of
        // memory) is plain garbage, never a report of a live object.
        lua_createtable(L, 1, 0);
        lua_pushvalue(L, -2);
        lua_rawseti(L, -2, 1);
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, "_guard");
        lua_rawgeti(L, up(L, kState), kSlotCoroGuardMt);
        lua_setmetatable(L, -2);
        lua_pop(L, 1);
      }
      if (record) {
        lua_rawgeti(L, up(L, kState), kSlotHeld);
        lua_pushvalue(L, -2);
        const bool held = lua_rawget(L, -2) != LUA_TNIL;
        lua_pop(L, 2);
        if (!held) {
          lua_rawgeti(L, up(L, kState), kSlotUnstarted);
          lua_pushvalue(L, -2);
          lua_pushboolean(L, 1);
          lua_rawset(L, -3);
          lua_pop(L, 1);
          ++recorded;
        }
      }
    }
    lua_pop(L, 1);
    clear_fresh(L, i);
  }
  clear_where(L, k);
  k.fresh = 0;
  k.last_fresh = nullptr;
  KERNEL_STACK_CHECK(L, 0);
  return recorded;
}

void check_unawaited(lua_State* L) {
  KERNEL_STACK_MARK(L);
  Kernel& k = kernel(L);
  if (settle(L, true) == 0) return;
  // Unstarted coroutine objects the step made: those nobody holds any more
  // were never awaited, which only a collection tells (their finalizers
  // report them). On a large heap, collecting is rationed to a twentieth
  // of the time; a small one (lessons, the REPL) is checked every time.
  constexpr int kSmallHeapKb = 64 * 1024;
  const double start = monotonic_seconds();
  if (!k.debug && start < k.next_check && lua_gc(L, LUA_GCCOUNT, 0) > kSmallHeapKb) return;
  full_collection(L, k);
  const double end = monotonic_seconds();
  k.next_check = end + 19 * (end - start);
  // Those still there are held by something (to be awaited later): they
  // are not checked again. The set of candidates starts over.
  lua_rawgeti(L, up(L, kState), kSlotUnstarted);
  lua_rawgeti(L, up(L, kState), kSlotHeld);
  lua_pushnil(L);
  while (lua_next(L, -3)) {
    lua_pop(L, 1);
    if (unstarted_top(L, lua_type(L, -1))) {
      lua_pushvalue(L, -1);
      lua_pushboolean(L, 1);
      lua_rawset(L, -4);
    }
  }
  lua_pop(L, 2);
  lua_createtable(L, 0, 0);
  lua_rawgeti(L, up(L, kState), kSlotHeld);
  lua_getmetatable(L, -1);  // the same weak-keys metatable
  lua_setmetatable(L, -3);
  lua_pop(L, 1);
  lua_rawseti(L, up(L, kState), kSlotUnstarted);
  KERNEL_STACK_CHECK(L, 0);
}

namespace {

const char* op_name(lua_State* L, const Op* op) { return kernel(L).op_kinds[op->kind].name; }

int k_pass_results(lua_State* L, int, lua_KContext base) { return lua_gettop(L) - static_cast<int>(base); }

// The results of a coroutine object's function, above the object at 1.
int k_coro_returned(lua_State* L, int status, lua_KContext) {
  Kernel& k = kernel(L);
  if (status == LUA_OK && k.inline_awaits > 0) --k.inline_awaits;
  return lua_gettop(L) - 1;
}

// Calls the function of the started coroutine object at 1 with its
// arguments, in this coroutine, as a Lua call would: its frames are the
// awaiting task's.
int call_coro(lua_State* L) {
  Kernel& k = kernel(L);
  lua_pushvalue(L, up(L, kKeyFn));
  lua_rawget(L, 1);
  lua_pushvalue(L, up(L, kKeyN));
  lua_rawget(L, 1);
  const lua_Integer n = lua_tointeger(L, -1);
  lua_pop(L, 1);
  // No room for the call: the awaits nest as deep as the stack goes (an
  // async function that awaits itself without end), so Lua's own message
  // for a recursion too deep, at the awaiting line ("x.lua:3: stack
  // overflow"), where CPython raises RecursionError. In a deep stack it is
  // raised with room left for the message handler of the task's body (the
  // traceback's), as Lua keeps some for it past its stack's limit
  // (ERRORSTACKSIZE): without, the handler overflowed in turn, and its
  // error replaced this one. (Not in a shallow one: each task's stack
  // would grow by as much.)
  constexpr int kHandlerRoom = 200;
  const int room = LUA_MINSTACK + (k.deep_awaits ? kHandlerRoom : 0);
  if (n < 0 || n > INT_MAX / 2 || !lua_checkstack(L, static_cast<int>(n) + room)) {
    luaL_error(L, "stack overflow");
  }
  take_coro_args(L, 1, static_cast<int>(n));
  ++k.inline_awaits;
  lua_callk(L, static_cast<int>(n), LUA_MULTRET, 0, k_coro_returned);
  return k_coro_returned(L, LUA_OK, 0);
}

int k_trampolined(lua_State* L, int, lua_KContext) {
  kernel(L).deep_awaits = true;
  lua_settop(L, 1);
  return call_coro(L);
}

// await of a coroutine object (task.lua's Coro, coro.cpp): marks it started
// and runs its function. Past kInlineAwaits nested ones in this resume, in a
// coroutine the kernel resumed (a task's, or one of the user's through
// coroutines.cpp), it yields the trampoline marker first: its resumer
// resumes it at once (nothing else runs meanwhile), with the C stack empty
// again. Elsewhere (outside a task, a coroutine a C module resumed) the
// calls nest in C, up to Lua's limit.
int await_coro(lua_State* L) {
  if (get(L, 1, kKeyStarted) != LUA_TNIL && lua_toboolean(L, -1)) {
    // Raises, or returns for the coroutine object of a task that has not
    // started yet: it runs here (that task will fail, as CPython's).
    push_lua_fn(L, LuaFn::ReuseError);
    lua_pushvalue(L, 1);
    lua_call(L, 1, 0);
  }
  lua_settop(L, 1);
  lua_pushvalue(L, up(L, kKeyStarted));
  lua_pushboolean(L, 1);
  lua_rawset(L, 1);
  Kernel& k = kernel(L);
  // Awaited right after it was made, as an op is (l_await): it leaves
  // FRESH now, and its slot goes to the next object made. (Kept there until
  // the step's end, a step awaiting millions of coroutine objects that never
  // suspend held them all: 584 MB for 2 million.)
  if (lua_topointer(L, 1) == k.last_fresh) {
    --k.fresh;
    k.last_fresh = nullptr;
  }
  if (k.inline_awaits >= Kernel::kInlineAwaits && L == k.innermost && lua_isyieldable(L)) {
    lua_pushlightuserdata(L, const_cast<void*>(k.trampoline()));
    return lua_yieldk(L, 1, 0, k_trampolined);
  }
  return call_coro(L);
}

// await(v): runs an op (once) in the running task's coroutine, or a
// coroutine object's function (await_coro); any other value goes to
// task.lua's await_slow.
int l_await(lua_State* L) {
  if (lua_gettop(L) != 1) lua_settop(L, 1);
  check_can_wait(L, 1);
  Kernel& k = kernel(L);
  // The usual `await(q:get())`: the op push_op made last (see
  // Kernel::last_fresh), a full userdata, not a light one of the same address.
  Op* op = static_cast<Op*>(lua_touserdata(L, 1));
  if (op == nullptr || op != k.last_fresh || lua_type(L, 1) != LUA_TUSERDATA) op = to_op(L, 1);
  if (op == nullptr) {
    if (lua_type(L, 1) == LUA_TTABLE && lua_getmetatable(L, 1)) {
      lua_rawgeti(L, up(L, kState), kSlotCoroMt);
      const bool coro = lua_rawequal(L, -1, -2);
      lua_settop(L, 1);
      if (coro) return await_coro(L);
    }
    push_lua_fn(L, LuaFn::AwaitSlow);
    lua_insert(L, 1);
    lua_callk(L, 1, LUA_MULTRET, 0, k_pass_results);
    return k_pass_results(L, LUA_OK, 0);
  }
  if (op->started) {
    push_lua_fn(L, LuaFn::ReuseError);
    lua_pushvalue(L, 1);
    lua_call(L, 1, 0);  // raises
  }
  op->started = true;
  // Awaited right after it was made (the usual `await(q:get())`): it is the
  // last FRESH entry, which settle no longer needs to visit. Its slot keeps
  // it until the next op takes the slot or settle clears it: one table
  // store per op, not two.
  if (op == k.last_fresh) {
    --k.fresh;
    k.last_fresh = nullptr;
  }
  return k.op_kinds[op->kind].step(L);
}

// op_state(v) -> started, name | nothing: whether v is an op, whether it
// started, and its name.
int l_op_state(lua_State* L) {
  Op* op = to_op(L, 1);
  if (op == nullptr) return 0;
  lua_pushboolean(L, op->started);
  lua_pushstring(L, op_name(L, op));
  return 2;
}

// op_close(op): marks it started (coroutine close: it will never run) and
// lets go of what it holds (a put's item, a sleep's results). Anything else
// is a bad argument: c.close(), Python's spelling, must not pass silently.
int l_op_close(lua_State* L) {
  Op* op = to_op(L, 1);
  if (op == nullptr) return arg_error(L, 1, "close", "coroutine expected; call it as coro:close(...)");
  op->started = true;
  for (int i = 1; i <= op->nuv; ++i) {
    lua_pushnil(L);
    lua_setiuservalue(L, 1, i);
  }
  return 0;
}

// op_claim(op): a task took it (create_task), and will run it or close it:
// it is no longer a candidate for the never-awaited report, as a coroutine
// object create_task takes is marked started. (Not started itself: the
// task's first step awaits it.) Its end of step then costs no guard, and no
// collection to see whether it was dropped.
int l_op_claim(lua_State* L) {
  if (Op* op = to_op(L, 1)) op->claimed = true;
  return 0;
}

// op_abort(op, task, msg) -> "aborted" | false: the abort of a wait on an op
// (wait.lua's registry has it for the ops' metatable).
int l_op_abort(lua_State* L) {
  Op* op = to_op(L, 1);
  luaL_argexpected(L, op != nullptr, 1, "coroutine object");
  luaL_checktype(L, 2, LUA_TTABLE);
  if (kernel(L).op_kinds[op->kind].abort(L, op, 1, 2)) {
    lua_pushliteral(L, "aborted");
  } else {
    lua_pushboolean(L, 0);
  }
  return 1;
}

// The metatable is reachable from Lua (getmetatable): check the argument.
int l_op_tostring(lua_State* L) {
  Op* op = to_op(L, 1);
  if (op == nullptr) return luaL_argerror(L, 1, "coroutine object expected");
  lua_pushfstring(L, "<coroutine %s>", op_name(L, op));
  return 1;
}

// The finalizer of an op's guard (settle): {op, where} reports the op, if
// it never started. The guard's metatable is reachable from Lua
// (getmetatable): check the argument.
int l_op_guard_gc(lua_State* L) {
  if (lua_type(L, 1) != LUA_TTABLE) return 0;
  lua_rawgeti(L, 1, 1);
  Op* op = to_op(L, -1);
  if (op == nullptr || op->started || op->claimed) return 0;
  push_lua_fn(L, LuaFn::NeverAwaited);
  lua_pushstring(L, op_name(L, op));
  lua_rawgeti(L, 1, 2);  // where it was made (settle kept it), or nil
  if (lua_type(L, -1) == LUA_TSTRING) {
    // Debug mode's origin (push_op): never_awaited(name, nil, nil, origin).
    lua_pushnil(L);
    lua_insert(L, -2);
    lua_pushnil(L);
    lua_insert(L, -2);
    lua_call(L, 4, 0);
    return 0;
  }
  if (lua_rawgeti(L, 1, 3) != LUA_TNUMBER) {  // the line (settle kept it), or 0
    lua_pop(L, 1);
    lua_pushinteger(L, 0);
  }
  lua_call(L, 3, 0);
  return 0;
}

// set_debug(on): debug mode, as loop:set_debug says.
int l_set_debug(lua_State* L) {
  Kernel& k = kernel(L);
  k.debug = lua_toboolean(L, 1);
  note_timed(k);
  return 0;
}

// set_trace(on): every ready entry goes to trace_step (asyncio/trace.lua).
int l_set_trace(lua_State* L) {
  Kernel& k = kernel(L);
  k.trace = lua_toboolean(L, 1);
  note_timed(k);
  return 0;
}

// entry_start() -> seconds: while the entries are timed (tracing, debug
// mode, --inspect), when the ready entry running now began
// (Kernel::entry_start), on the loop's clock.
int l_entry_start(lua_State* L) {
  lua_pushnumber(L, kernel(L).entry_start);
  return 1;
}

// work_now() -> seconds on Clock::work: differences are how long the work
// between took as the real clock measures it, also under the virtual clock
// (debug mode times blocking calls and slow handles with it).
int l_work_now(lua_State* L) {
  lua_pushnumber(L, kernel(L).loop->clock().work());
  return 1;
}

// set_slow_step(seconds): loop.slow_callback_duration.
int l_set_slow_step(lua_State* L) {
  kernel(L).slow_step = luaL_checknumber(L, 1);
  return 0;
}

// reports_armed() -> whether settle ever gave a coroutine object the
// finalizer that reports it (the runner collects at exit only then).
int l_reports_armed(lua_State* L) {
  lua_pushboolean(L, kernel(L).armed);
  return 1;
}

int l_settle(lua_State* L) {
  settle(L);
  return 0;
}

}  // namespace

extern const luaL_Reg op_funcs[] = {
    {"await", l_await},
    {"op_abort", l_op_abort},
    {"settle", l_settle},
    {nullptr, nullptr},
};

// K alone: these read no kernel upvalue but K (kernel.hpp's kOnlyState).
extern const luaL_Reg op_k_funcs[] = {
    {"op_state", l_op_state},           {"op_close", l_op_close},           {"op_claim", l_op_claim},
    {"op_tostring", l_op_tostring},     {"op_guard_gc", l_op_guard_gc},     {"set_debug", l_set_debug},
    {"set_slow_step", l_set_slow_step}, {"set_trace", l_set_trace},         {"entry_start", l_entry_start},
    {"work_now", l_work_now},           {"reports_armed", l_reports_armed}, {nullptr, nullptr},
};

}  // namespace luasync::kernel
