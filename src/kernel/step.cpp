// The step of a task: resuming its coroutine once, the only place a task
// runs. The kernel runs the plain step of a started task alone, the first
// step of a plain one (start_plain) and its plain end (finish.cpp); every
// other case -- one that must raise CancelledError, a step that ends other
// than in a plain await or return -- goes through task.lua (prepare_step,
// after_resume), so each rule has one implementation.
//
// Invariants:
// - Kernel::running is the coroutine of the task whose step runs for
//   exactly the time of the resume; the current task (push_current_task)
//   is that task for the resume and for after_resume (CPython leaves the
//   task current while it handles the step's result), and the previous one
//   is current again even if after_resume raises. (finish_plainly reads no
//   current task: the previous one is back before it runs.) Steps nest -- a
//   step may run another task's step only through asyncio.run's await of a
//   task -- so the previous values are kept.
//   Outside a step (Kernel::running null) there is none:
//   Kernel::current names no thread. Only the step sets it (and
//   Kernel::running).
// - A task's _fut_waiter is cleared (to false) when its step starts, as
//   CPython's Task.__step does: from then on it waits on nothing (wait.hpp:
//   the step clears the waiter bits of the wait word). A task with a
//   coroutine has a truthy _fut_waiter only if its wait word has the
//   waiter bit (wait_begin is the one place that stores one): the step
//   reads the field only for a task without one.
// - A task's _must_cancel is false once prepare_step ran or was not needed,
//   and it can be true only while Kernel::pending_cancels is not 0.
#include "kernel/interrupt_hook.hpp"
#include "kernel/kernel.hpp"
#include "kernel/open.hpp"
#include "kernel/wait.hpp"

namespace luasync::kernel {

namespace {

// [-0, +0] The first step of a task of spawn(fn, arg) or of a coroutine
// object that nothing cancelled and nothing finished behind its back, as
// prepare_step would take it: its coroutine, made here, runs body_1 (which
// takes spawn's argument from the task's RESULT) or body_coro, with the
// task as its argument. Null for every other case, which prepare_step
// takes: a task with _n (spawn with other than one argument) or
// _reserve_stack (the runner's and the REPL's), named fields looked up only
// if it has some.
lua_State* start_plain(lua_State* L, int task, int exc) {
  const bool plain = lua_rawgeti(L, task, kFieldState) == LUA_TNIL &&
                     (no_named_fields(L, task) || (get_named(L, task, kSlotKeyReserveStack) == LUA_TNIL &&
                                                   get_named(L, task, kSlotKeyN) == LUA_TNIL));
  const bool coro = lua_rawgeti(L, task, kFieldBody) != LUA_TFUNCTION;
  lua_settop(L, exc);
  if (!plain) return nullptr;
  lua_State* co = lua_newthread(L);
  lua_rawgeti(L, up(L, kState), coro ? kSlotBodyCoro : kSlotBody1);
  lua_xmove(L, co, 1);
  lua_rawseti(L, task, kFieldCo);  // the task anchors it from here on
  lua_pushvalue(L, task);
  lua_xmove(L, co, 1);  // a new coroutine has LUA_MINSTACK free slots
  return co;
}

// Whether the first step of the task at `task` waits for memory. A task's
// first coroutine is the runtime's work, which memory is refused only at
// the hard limit: thousands of tasks starting while memory is short (a REPL
// input that spawned them, say) took the reserve kept for the runtime, and
// the next task's end, or the REPL's own work, was refused. So while memory
// is short (memory_short_for_task_start), a first step waits
// (park_first_step), until relief (ready_queue.cpp's act_on_memory_news and
// idle_with_parked), a cancellation (note_cancel), or the runtime's
// shutdown -- but not that of a task of the runner or the REPL (they
// reserve stack), without which nothing could free memory. Starting them
// anyway when the loop stalls took the runtime's reserve again.
bool must_wait_for_memory(lua_State* L, Kernel& k, int task) {
  if (k.shutting_down || !memory_short_for_task_start(L)) return false;
  const bool pending = lua_rawgeti(L, task, kFieldState) == LUA_TNIL;
  const bool own = get_named(L, task, kSlotKeyReserveStack) != LUA_TNIL;
  lua_pop(L, 2);
  const bool wait = pending && !own;
  if (wait && !k.fast_collector) k.memory_news = Kernel::MemoryNews::Pressure;
  return wait;
}

}  // namespace

void step(lua_State* L, int task, int exc, const void* frame) {
  KERNEL_STACK_MARK(L);
  // The fields are read in one go: each pop is an API call.
  Kernel& k = kernel(L);
  const bool must_cancel = cancel_pending(L, k, task);
  lua_rawgeti(L, task, kFieldCo);
  lua_State* co = lua_tothread(L, -1);
  bool waits;
  if (co != nullptr) {
    WaitWord& w = wait_word(co);
    waits = (w.bits & kWaiterBit) != 0;
    w.bits &= ~(kWaiterBit | kFrameWaiterBit);
  } else {
    // A task that has not started (CO false) has never waited.
    waits = !lua_isboolean(L, -1) && get(L, task, kKeyFutWaiter) != LUA_TNIL && lua_toboolean(L, -1);
  }
  lua_settop(L, exc);
  if (waits) {
    // false, not nil: the key stays in the task's table, so wait_begin's
    // store of the next wait finds it and cannot fail allocating.
    lua_pushvalue(L, up(L, kKeyFutWaiter));
    lua_pushboolean(L, 0);
    lua_rawset(L, task);
  }
  int nargs = 0;
  // Whether a value at exc (an error to raise at the await, or what
  // prepare_step resumes with) goes to the coroutine: looked at once (each
  // look is an API call), and again only where prepare_step replaces it.
  bool with_arg = !lua_isnil(L, exc);
  if (co == nullptr && !must_cancel && !with_arg) {
    if (must_wait_for_memory(L, k, task)) {
      park_first_step(L, task);
      KERNEL_STACK_CHECK(L, 0);
      return;
    }
    co = start_plain(L, task, exc);
    if (co != nullptr) nargs = 1;
  }
  if (must_cancel || co == nullptr) {
    // prepare_step(task, exc) -> co, arg | nothing (the task finished
    // without running: cancelled before its first step, or done already).
    push_lua_fn(L, LuaFn::PrepareStep);
    lua_pushvalue(L, task);
    lua_pushvalue(L, exc);
    lua_call(L, 2, 2);
    co = lua_tothread(L, -2);
    if (co == nullptr) {
      lua_settop(L, exc);
      KERNEL_STACK_CHECK(L, 0);
      return;
    }
    lua_replace(L, exc);  // the argument to resume with, nil for none
    lua_settop(L, exc);
    with_arg = !lua_isnil(L, exc);
  }
  if (with_arg) {
    if (!lua_checkstack(co, 1)) luaL_error(L, "stack overflow resuming a task");
    lua_pushvalue(L, exc);
    lua_xmove(L, co, 1);
    nargs = 1;
  }
  lua_State* prev_running = k.running;
  // The task is current (Kernel::current): its slot here, in the
  // frame of the function that called step (frame 0 of this thread now),
  // names it until the step ends; then the previous current task comes
  // back. (A reader's push_current_task may push on this thread's stack
  // above its top: this frame has two slots there, which the steps of old
  // took for the previous task and a copy of this one.)
  const Kernel::CurrentTask prev_current = k.current;
  k.current = {L, task, frame};
  const bool prev_can_suspend = k.can_suspend;
  lua_State* const prev_innermost = k.innermost;
  k.deep_awaits = false;
  const int prev_inline_awaits = k.inline_awaits;
  for (;;) {
    k.running = co;
    k.can_suspend = true;
    k.innermost = co;
    k.inline_awaits = 0;
    int nres = 0;
    int status = resume_tracked(co, L, nargs, &nres);
    disarm_collect_hook(k, co);
    k.running = prev_running;
    k.can_suspend = prev_can_suspend;
    k.innermost = prev_innermost;
    k.inline_awaits = prev_inline_awaits;
    // An await of coroutine objects nested deep (ops.cpp's await_coro): the
    // task goes on at once, with the C stack empty again.
    if (status == LUA_YIELD && nres == 1 && lua_touserdata(co, -1) == k.trampoline()) {
      lua_pop(co, 1);
      nargs = 0;
      continue;
    }
    // The usual end of a step: the task suspended in a wait (it yielded the
    // AWAIT marker alone) and nobody asked to cancel it meanwhile.
    bool plain_await =
        status == LUA_YIELD && nres == 1 && lua_topointer(co, -1) == k.await && !cancel_pending(L, k, task);
    if (plain_await) {
      lua_pop(co, 1);
      break;
    }
    bool named = false;
    if (status == LUA_OK && returned_plainly(k, co, nres) && lua_checkstack(L, kFinishSlots) &&
        ends_plainly(L, k, task, &named)) {
      // The usual end, a plain return: finish_plainly (finish.cpp) reads
      // no current task, so the previous one is current again first, and
      // should it raise (memory), the error goes on as after_resume's does.
      k.current = prev_current;
      int result = 0;
      if (nres == 3) {
        lua_xmove(co, L, 1);
        result = lua_gettop(L);
      }
      finish_plainly(L, task, result, named);
      lua_settop(L, exc);
      if (k.fresh > 0) check_unawaited(L);
      KERNEL_STACK_CHECK(L, 0);
      return;
    }
    bool ok = status == LUA_OK || status == LUA_YIELD;
    int n = ok ? nres : 1;
    int handled;
    if (lua_checkstack(L, n + 4)) {
      // after_resume(task, ok, ...) -> co, arg | nothing. The task stays
      // current (CPython leaves it current while it handles the step's
      // result).
      push_lua_fn(L, LuaFn::AfterResume);
      lua_pushvalue(L, task);
      lua_pushboolean(L, ok);
      lua_xmove(co, L, n);
      handled = lua_pcall(L, n + 2, 2, 0);
    } else {
      lua_pushliteral(L, "too many results to resume");
      handled = LUA_ERRRUN;
    }
    if (handled != LUA_OK) {
      // after_resume failed (out of memory, say): the previous task is
      // current again before the error goes on to the driver.
      k.current = prev_current;
      lua_error(L);
    }
    co = lua_tothread(L, -2);
    if (co == nullptr) {
      lua_settop(L, exc);
      break;
    }
    // The task goes on in a new coroutine within this step: its function
    // returned a coroutine object to run (task.lua's after_resume).
    lua_xmove(L, co, 1);
    nargs = 1;
    lua_settop(L, exc);
  }
  k.current = prev_current;
  // Coroutine objects the step made and left unstarted may have been
  // forgotten: say so now, not at some later collection.
  if (k.fresh > 0) check_unawaited(L);
  KERNEL_STACK_CHECK(L, 0);
}

void push_current_task(lua_State* L) {
  const Kernel& k = kernel(L);
  lua_State* const t = k.current.thread;
  if (t == nullptr) {
    lua_pushnil(L);
    return;
  }
  // lua_Debug's i_ci names a frame: compared here, never dereferenced.
  lua_Debug ar;
  if (t != L && lua_getstack(t, 0, &ar) && ar.i_ci == k.current.frame) {
    // The usual case: the step's thread waits inside lua_resume, its frame
    // on top.
    lua_pushvalue(t, k.current.index);
    lua_xmove(t, L, 1);
    return;
  }
  // Lua runs on the step's own thread, in frames above the step's -- its
  // after_resume, a C module's luaopen (c_modules.cpp), a library's
  // callback on the main thread that luv keeps -- so the index names a
  // slot of another frame: the step's frame is found further down, and the
  // slot read as one of its locals.
  for (int level = 0; k.current.frame != nullptr && lua_getstack(t, level, &ar); ++level) {
    if (ar.i_ci != k.current.frame) continue;
    if (!lua_checkstack(t, 1) || lua_getlocal(t, &ar, k.current.index) == nullptr) break;
    if (t != L) lua_xmove(t, L, 1);
    return;
  }
  lua_pushnil(L);  // not found (lua_close unwound the thread): no task runs
}

namespace {
// note_cancel(1 | -1): a task's _must_cancel became true (Task:cancel) or
// false again (Kernel::pending_cancels).
int l_note_cancel(lua_State* L) {
  Kernel& k = kernel(L);
  if (luaL_checkinteger(L, 1) > 0) {
    ++k.pending_cancels;
    k.unpark = k.parked_tasks != 0;
  } else if (k.pending_cancels > 0) {
    --k.pending_cancels;
  }
  return 0;
}

// current_task() -> the task whose step runs, or nil (asyncio.current_task)
int l_current_task(lua_State* L) {
  push_current_task(L);
  return 1;
}
}  // namespace

// K alone: these read no kernel upvalue but K (kernel.hpp's kOnlyState).
extern const luaL_Reg step_k_funcs[] = {
    {"note_cancel", l_note_cancel},
    {"current_task", l_current_task},
    {nullptr, nullptr},
};

}  // namespace luasync::kernel
