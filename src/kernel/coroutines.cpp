// coroutine.resume and coroutine.wrap for a program whose tasks are
// coroutines: the same results and errors as Lua's own (lcorolib.c), and an
// await inside a coroutine that user code made within a task (a
// coroutine.wrap generator, an iterator) suspends the task, not that
// coroutine: the AWAIT marker it yields alone is passed up, and the wake-up
// passed back down, as many levels as there are. Resumes go through
// resume_tracked, so Ctrl-C's hook knows which coroutine runs.
//
// Invariant: a coroutine suspended in an await (a task's own, or one passing
// a task's await up: kForwardingBit) is resumed by that task's wake-up
// only. To the rest of the program it is active, as a coroutine that
// resumed another is: status says "normal", and resume and close refuse it,
// as Lua does for such a coroutine (and CPython for a generator another
// task runs: "asynchronous generator is already running"); for a task's
// own, the error names the task and says to cancel it instead. (One passing
// an await up for a thread no longer suspended -- closed meanwhile, as
// os.exit(code, true) closes the main chunk's -- is not.) The runtime's own
// code sees a task's coroutine through Lua's status and close
// (core.raw_status, core.raw_close).
#include "kernel/interrupt_hook.hpp"
#include "kernel/kernel.hpp"
#include "kernel/wait.hpp"

namespace luasync::kernel {

namespace {

// The extra upvalue of a wrap function, after the kernel's.
enum WrapUpvalue : int { kWrapCo = kKernelUpvalues + 1 };
// The upvalue of coroutine.status and coroutine.close that holds Lua's own
// (open.cpp registers them with K and it alone).
constexpr int kLuaOwn = kOnlyState + 1;

// The error flag of resume_once.
constexpr int kFailed = -1;

int k_forwarded(lua_State* L, int status, lua_KContext ctx);

// The registry's table of forwarders: a coroutine passing an await up (by
// address) -> the thread that passed it on (weakly: a task collected, or
// closed without being resumed, no longer holds its coroutines).
char forwarders_key;

// [-0, +0] Records (or, with `by` null, forgets) who passes co's await up.
void set_forwarder(lua_State* L, lua_State* co, lua_State* by) {
  luaL_checkstack(L, 4, "forwarders");
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &forwarders_key) != LUA_TTABLE) {
    lua_pop(L, 1);
    if (by == nullptr) return;
    lua_createtable(L, 0, 4);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "v");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &forwarders_key);
  }
  if (by != nullptr) {
    lua_pushthread(by);
    lua_xmove(by, L, 1);
  } else {
    lua_pushnil(L);
  }
  lua_rawsetp(L, -2, co);
  lua_pop(L, 1);
}

// Whether co is suspended passing the await of a thread that is itself
// still suspended (in that await, as far as co can tell).
bool forwards(lua_State* L, lua_State* co) {
  if (lua_status(co) != LUA_YIELD || (wait_word(co).bits & kForwardingBit) == 0) return false;
  luaL_checkstack(L, 2, "forwarders");
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &forwarders_key) != LUA_TTABLE) {
    lua_pop(L, 1);
    return false;
  }
  lua_rawgetp(L, -1, co);
  lua_State* by = lua_tothread(L, -1);
  lua_pop(L, 2);
  return by != nullptr && lua_status(by) == LUA_YIELD;
}

// Whether co is a task's own coroutine, suspended in an await: only a
// task's coroutine ever waits (its wait state is then not None), and a
// task's coroutine is suspended nowhere else. (One whose task was made done
// behind its back is no longer its: abandon_wait sets its state to None.)
bool task_awaits(lua_State* co) { return lua_status(co) == LUA_YIELD && (wait_word(co).bits & kWaitStateMask) != 0; }

// Whether co is the coroutine of a task whose body returned plainly: the
// step leaves what the body returned first, DONE, at the bottom of its
// stack (not cleared: a cost for every task), where Lua would take it for
// the function of a coroutine not started yet.
bool task_returned(lua_State* L, lua_State* co) {
  lua_Debug ar;
  return lua_status(co) == LUA_OK && lua_gettop(co) > 0 && lua_topointer(co, 1) == kernel(L).done &&
         !lua_getstack(co, 0, &ar);
}

// Whether co is suspended in an await: a task's own, or one it passes up
// for a thread still waiting.
bool awaits(lua_State* L, lua_State* co) { return task_awaits(co) || forwards(L, co); }

// [-0, +1] "<what>: it is the coroutine of Task-2, which waits in an
// await ...": the refusal of a task's own coroutine, its task named (found
// among the pending tasks: an error's path, where a walk costs nothing).
void push_task_refusal(lua_State* L, lua_State* co, const char* what) {
  luaL_checkstack(L, 6, "a refusal");
  const int top = lua_gettop(L);
  bool named = false;
  for (int slot : {kSlotLive, kSlotLiveNamed}) {
    if (lua_rawgeti(L, up(L, kState), slot) != LUA_TTABLE) continue;
    const int live = lua_gettop(L);
    lua_pushnil(L);
    while (!named && lua_next(L, live)) {
      const int t = slot == kSlotLive ? lua_gettop(L) : lua_gettop(L) - 1;
      if (lua_type(L, t) == LUA_TTABLE && coroutine_of(L, t) == co && luaL_getmetafield(L, t, "get_name")) {
        lua_pushvalue(L, t);
        named = lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING;
        if (named) {
          lua_replace(L, top + 1);
          break;
        }
      }
      lua_settop(L, live + 1);
    }
    if (named) break;
    lua_settop(L, top);
  }
  if (named) {
    lua_settop(L, top + 1);
    lua_pushfstring(L,
                    "%s: it is the coroutine of %s, which waits in an await (to stop a task, cancel it: task:cancel())",
                    what, lua_tostring(L, -1));
  } else {
    lua_settop(L, top);
    lua_pushfstring(
        L, "%s: it is a task's coroutine, which waits in an await (to stop a task, cancel it: task:cancel())", what);
  }
  lua_replace(L, top + 1);
  lua_settop(L, top + 1);
}

// Resumes co with the nargs values on the top of L, as lcorolib's auxresume:
// answers how many values it moved from co to L, or kFailed with the error
// on the top of L. When co yields the AWAIT marker alone and L can yield,
// L yields it on (its continuation resumes co with what L is resumed with,
// as k_forwarded does). `wrap`: the caller is a wrap function (1) or resume (0).
int resume_once(lua_State* L, lua_State* co, int nargs, int wrap) {
  if (co == L || awaits(L, co)) {
    // As lua_resume says it on co's stack, which is L's own here.
    lua_pop(L, nargs);
    if (co != L && task_awaits(co)) {
      push_task_refusal(L, co, "cannot resume non-suspended coroutine");
    } else {
      lua_pushliteral(L, "cannot resume non-suspended coroutine");
    }
    return kFailed;
  }
  if (co != L && task_returned(L, co)) {
    lua_pop(L, nargs);
    lua_pushliteral(L, "cannot resume dead coroutine");
    return kFailed;
  }
  if (!lua_checkstack(co, nargs)) {
    lua_pushliteral(L, "too many arguments to resume");
    return kFailed;
  }
  lua_xmove(L, co, nargs);
  // co may await only if L could pass its AWAIT on (wait_prepare checks).
  Kernel& k = kernel(L);
  const bool can_suspend = k.can_suspend;
  lua_State* const innermost = k.innermost;
  k.can_suspend = can_suspend && lua_isyieldable(L) && L == innermost;
  k.innermost = co;
  const int inline_awaits = k.inline_awaits;
  int nres = 0;
  int status;
  for (;;) {
    k.inline_awaits = 0;
    status = resume_tracked(co, L, nargs, &nres);
    // Awaits of coroutine objects nested deep (ops.cpp's await_coro): co
    // goes on at once, with the C stack empty again.
    if (status != LUA_YIELD || nres != 1 || lua_touserdata(co, -1) != k.trampoline()) break;
    lua_pop(co, 1);
    nargs = 0;
  }
  k.inline_awaits = inline_awaits;
  k.can_suspend = can_suspend;
  k.innermost = innermost;
  if (status == LUA_OK || status == LUA_YIELD) {
    if (status == LUA_YIELD && nres == 1 && lua_topointer(co, -1) == k.await && lua_isyieldable(L)) {
      lua_pop(co, 1);
      set_forwarder(L, co, L);
      wait_word(co).bits |= kForwardingBit;  // k_forwarded clears it
      lua_pushvalue(L, up(L, kAwait));
      return lua_yieldk(L, 1, wrap, k_forwarded);
    }
    if (!lua_checkstack(L, nres + 1)) {
      lua_pop(co, nres);
      lua_pushliteral(L, "too many results to resume");
      return kFailed;
    }
    lua_xmove(co, L, nres);
    return nres;
  }
  lua_xmove(co, L, 1);
  return kFailed;
}

// [-1, +?] The results of coroutine.resume from resume_once's answer n.
int resume_results(lua_State* L, int n) {
  if (n == kFailed) {
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
  }
  lua_pushboolean(L, 1);
  lua_insert(L, -(n + 1));
  return n + 1;
}

// The results of a wrap function from resume_once's answer n: lcorolib's
// auxwrap. An error closes the coroutine (its pending <close> variables run;
// an error one of them raises replaces the first), and a string error gets
// the caller's position.
int wrap_results(lua_State* L, lua_State* co, int n) {
  if (n != kFailed) return n;
  int stat = lua_status(co);
  if (stat != LUA_OK && stat != LUA_YIELD) {
    stat = lua_resetthread(co);
    lua_xmove(co, L, 1);
  }
  if (stat != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
    luaL_where(L, 1);
    lua_insert(L, -2);
    lua_concat(L, 2);
  }
  return lua_error(L);
}

lua_State* wrap_co(lua_State* L) { return lua_tothread(L, up(L, kWrapCo)); }

// After L forwarded co's AWAIT: L was resumed with the wake-up (the values
// on its stack above the first `base`); they go down to co.
int k_forwarded(lua_State* L, int, lua_KContext wrap) {
  lua_State* co;
  int base;
  if (wrap) {
    co = wrap_co(L);
    base = 0;
  } else {
    co = lua_tothread(L, 1);
    base = 1;
  }
  wait_word(co).bits &= ~kForwardingBit;
  set_forwarder(L, co, nullptr);
  int n = resume_once(L, co, lua_gettop(L) - base, static_cast<int>(wrap));
  return wrap ? wrap_results(L, co, n) : resume_results(L, n);
}

// coroutine.resume(co, ...)
int l_resume(lua_State* L) {
  lua_State* co = lua_tothread(L, 1);
  luaL_argexpected(L, co, 1, "coroutine");
  return resume_results(L, resume_once(L, co, lua_gettop(L) - 1, 0));
}

// A function coroutine.wrap returns.
int l_wrapped(lua_State* L) {
  lua_State* co = wrap_co(L);
  return wrap_results(L, co, resume_once(L, co, lua_gettop(L), 1));
}

// coroutine.wrap(f)
int l_wrap(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 1);
  lua_State* co = lua_newthread(L);
  lua_pushvalue(L, 1);
  lua_xmove(L, co, 1);
  push_kernel_closure(L, l_wrapped);
  return 1;
}

// coroutine.status(co): Lua's, but "normal" for one suspended in an await,
// "dead" for a task's whose body returned.
int l_status(lua_State* L) {
  lua_State* co = lua_tothread(L, 1);
  luaL_argexpected(L, co, 1, "coroutine");
  if (co != L && awaits(L, co)) {
    lua_pushliteral(L, "normal");
    return 1;
  }
  if (co != L && task_returned(L, co)) {
    lua_pushliteral(L, "dead");
    return 1;
  }
  lua_pushvalue(L, lua_upvalueindex(kLuaOwn));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

// coroutine.close(co): Lua's, but one suspended in an await is refused as
// Lua refuses a normal coroutine.
int l_close(lua_State* L) {
  lua_State* co = lua_tothread(L, 1);
  luaL_argexpected(L, co, 1, "coroutine");
  if (co != L && task_awaits(co)) {
    push_task_refusal(L, co, "cannot close a normal coroutine");
    return lua_error(L);
  }
  if (co != L && forwards(L, co)) return luaL_error(L, "cannot close a normal coroutine");
  lua_pushvalue(L, lua_upvalueindex(kLuaOwn));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

int k_bad_yield(lua_State*, int, lua_KContext) { return 0; }

// What a resume passes first to make the coroutine's pending
// coroutine.yield raise the value passed second instead of returning
// (core.YIELD_THROW: agen.lua's aclose throws GeneratorExit at the yield,
// so the generator unwinds inside its coroutine, where its <close>
// variables may await). Its address is its identity.
char yield_throw_key;

// The continuation of coroutine.yield: the resume's values, or its throw.
int k_yielded(lua_State* L, int, lua_KContext) {
  if (lua_gettop(L) >= 1 && lua_touserdata(L, 1) == &yield_throw_key) {
    lua_settop(L, 2);
    return lua_error(L);
  }
  return lua_gettop(L);
}

// coroutine.yield(...). A yield from a task's own coroutine (not from a
// coroutine the task resumed) would reach the step, which has nothing to do
// with it: as CPython's Task answers a bad yield, the RuntimeError arrives
// at the yield one loop iteration later (bad_yield in task.lua), where the
// task may catch it.
int l_yield(lua_State* L) {
  Kernel& k = kernel(L);
  if (L != k.running || L != k.innermost || !lua_isyieldable(L)) return lua_yieldk(L, lua_gettop(L), 0, k_yielded);
  lua_settop(L, 1);
  push_lua_fn(L, LuaFn::BadYield);
  lua_insert(L, 1);
  lua_callk(L, 1, 0, 0, k_bad_yield);  // raises
  return 0;
}

}  // namespace

// [-0, +0] core.YIELD_THROW (open.cpp).
void set_yield_throw(lua_State* L, int core) {
  lua_pushlightuserdata(L, &yield_throw_key);
  lua_setfield(L, core, "YIELD_THROW");
}

extern const luaL_Reg coroutine_status_funcs[] = {{"status", l_status}, {nullptr, nullptr}};
extern const luaL_Reg coroutine_close_funcs[] = {{"close", l_close}, {nullptr, nullptr}};

// resume reads K and AWAIT (resume_once, push_task_refusal): the first
// kAwait upvalues.
extern const luaL_Reg coroutine_funcs[] = {
    {"resume", l_resume},
    {nullptr, nullptr},
};

// K alone: these read no kernel upvalue but K (kernel.hpp's kOnlyState).
// (The functions wrap makes get every one: push_kernel_closure.)
extern const luaL_Reg coroutine_k_funcs[] = {
    {"wrap", l_wrap},
    {"yield", l_yield},
    {nullptr, nullptr},
};

}  // namespace luasync::kernel
