// The driver's iteration, as asyncio's BaseEventLoop._run_once: poll I/O
// (blocking only when nothing is ready), move the deadlines that came due to
// the ready queue, then run the ready entries. The driver's client on top of
// driver.lua's stack (K[kSlotClient]: the script runner or the REPL) gets the
// hooks boundary.hpp lists.
#include "kernel/entry_watch.hpp"
#include "kernel/interrupt_hook.hpp"
#include "kernel/kernel.hpp"
#include "runtime/interrupt.hpp"

namespace luasync::kernel {

namespace {

// [-1, +0] Calls the hook on the top of the stack, if it is a function;
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

// [-0, +0] Calls client[hook]() if the client (at index `client`) has that
// hook; returns its first result's truth.
bool call_hook(lua_State* L, int client, const char* hook) {
  lua_pushstring(L, hook);
  lua_rawget(L, client);
  return call_top(L);
}
// The same for a hook named by a key upvalue (the ones asked every iteration).
bool call_hook(lua_State* L, int client, int key) {
  get(L, client, key);
  return call_top(L);
}

// One iteration. False when nothing is ready and nothing can ever become
// ready (no deadline, no I/O). Leaves the stack as it found it. `frame`:
// L's frame 0, this_frame (looked up once for every iteration of a
// run_until).
bool run_once(lua_State* L, const void* frame) {
  const int base = lua_gettop(L);
  Kernel& k = kernel(L);
  // The io hooks are asked only of a client that had them when it became
  // the client (set_client): none has, but the REPL's. The client is on the
  // stack (at base + 1) only when a hook may be asked.
  const bool io_hooks = k.client_io_hooks;
  if (k.unpark) unpark_first_steps(L);
  if (k.parked_tasks != 0 && ready_count(k) == 0) idle_with_parked(L, k, false);
  const bool idle = ready_count(k) == 0;
  // A slice of the collection that collect_soon asked for runs instead of
  // the wait when no deadline is near: the poll then only looks, and if it
  // found nothing either, the slice runs after it; the next iteration looks
  // again (collect_soon.cpp).
  const bool collect_instead = idle && collect_pending(k) && collect_fits_idle(k);
  const int client = base + 1;
  if (io_hooks || idle) lua_rawgeti(L, up(L, kState), kSlotClient);
  bool block = idle && !collect_instead && !(io_hooks && call_hook(L, client, kKeyIoReady));
  if (block) call_hook(L, client, kHookBeforeBlock);
  if (block && k.entry_watch != nullptr) idle_snapshot(L, k);
  // (k.fired is empty, but for the due deadlines an enqueue that raised
  // left: poll appends to them)
  k.delivering = false;  // (a delivery that raised left it set)
  PollOutcome outcome = k.loop->poll(block, k.fired);
  if (k.noted_first != nullptr) deliver_io(L, k);
  if (!k.fired.empty()) enqueue_due(L);
  if (outcome == PollOutcome::Interrupted) {
    interrupt_take();
    interrupt_clear_hook();
    if (lua_gettop(L) == base) lua_rawgeti(L, up(L, kState), kSlotClient);
    call_hook(L, client, kHookOnInterrupt);
  }
  if (io_hooks) call_hook(L, client, kKeyIoHook);
  lua_settop(L, base);
  if (collect_pending(k)) collect_if_asked(L, k, collect_instead && ready_count(k) == 0);
  if (outcome == PollOutcome::Stalled && ready_count(k) == 0 && (k.parked_tasks == 0 || !idle_with_parked(L, k, true)))
    return false;
  run_ready(L, frame);
  return true;
}

// run_once() -> progressed
int l_run_once(lua_State* L) {
  check_loop_open(L);
  lua_settop(L, 0);
  lua_pushboolean(L, run_once(L, this_frame(L)));
  return 1;
}

// run_until(done) -> true, or false when the loop stalled first: runs
// iterations until done() is true or, when done is a Future or Task, until
// it is done (its STATE is no longer nil, PENDING: future.lua), which
// spares a call into Lua per iteration, and is read only after an iteration
// in which some future became done (Kernel::done_count). On a stall the
// client's on_stall hook (the REPL's) may resolve it and return true, and
// the loop goes on. A stall is one only after a full collection found
// nothing to do either: a finalizer may be what wakes the waiter (a writer
// nobody holds closes its connection, as CPython's does at its last
// reference, and the peer reads its end).
int l_run_until(lua_State* L) {
  const bool future = lua_type(L, 1) == LUA_TTABLE;
  if (!future) luaL_checktype(L, 1, LUA_TFUNCTION);
  check_loop_open(L);
  lua_settop(L, 1);
  const Kernel& k = kernel(L);
  const void* const frame = this_frame(L);
  bool ask = true;
  bool collected = false;  // since the last iteration that progressed
  std::uint64_t seen = 0;
  for (;;) {
    if (ask) {
      if (future) {
        seen = k.done_count;
        lua_rawgeti(L, 1, kFieldState);
      } else {
        lua_pushvalue(L, 1);
        lua_call(L, 0, 1);
      }
      bool done = lua_toboolean(L, 2);
      lua_settop(L, 1);
      if (done) break;
    }
    if (run_once(L, frame)) {
      collected = false;
    } else if (!collected) {
      collected = true;
      full_collection(L, kernel(L));
      ask = true;  // (a finalizer may have finished the future itself)
      continue;
    } else {
      lua_rawgeti(L, up(L, kState), kSlotClient);
      bool resolved = call_hook(L, 2, kHookOnStall);
      lua_settop(L, 1);
      if (!resolved) {
        lua_pushboolean(L, 0);
        return 1;
      }
    }
    ask = !future || k.done_count != seen;
  }
  lua_pushboolean(L, 1);
  return 1;
}

// note_done(): a future became done (future.lua; see Kernel::done_count).
int l_note_done(lua_State* L) {
  ++kernel(L).done_count;
  return 0;
}

// set_client(client): the client driver.lua's stack has on top; its io hooks
// (io_ready, io_hook) are looked up now.
int l_set_client(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  const bool io_hooks = get(L, 1, kKeyIoReady) != LUA_TNIL || get(L, 1, kKeyIoHook) != LUA_TNIL;
  lua_settop(L, 1);
  lua_rawseti(L, up(L, kState), kSlotClient);
  kernel(L).client_io_hooks = io_hooks;
  return 0;
}

}  // namespace

// A source leaves the list once it delivered: a delivery that raises
// (memory) leaves it noted, first, to deliver at the next iteration (each
// consumes what it saw only once enqueued).
void deliver_io(lua_State* L, Kernel& k) {
  k.delivering = true;
  while (IoSource* source = k.noted_first) {
    source->deliver(L);
    unnote_io(k, source);
  }
  k.delivering = false;
}

void note_io(Kernel& k, IoSource* source) {
  if (source->noted) return;
  source->noted = true;
  source->next_noted = nullptr;
  if (k.noted_last != nullptr) {
    k.noted_last->next_noted = source;
  } else {
    k.noted_first = source;
  }
  k.noted_last = source;
}

void unnote_io(Kernel& k, IoSource* source) {
  if (!source->noted) return;
  IoSource* prev = nullptr;
  for (IoSource* s = k.noted_first; s != nullptr; prev = s, s = s->next_noted) {
    if (s != source) continue;
    (prev ? prev->next_noted : k.noted_first) = s->next_noted;
    if (k.noted_last == s) k.noted_last = prev;
    break;
  }
  source->next_noted = nullptr;
  source->noted = false;
}

extern const luaL_Reg driver_funcs[] = {
    {"run_once", l_run_once},
    {"run_until", l_run_until},
    {"set_client", l_set_client},
    {nullptr, nullptr},
};

// K alone: these read no kernel upvalue but K (kernel.hpp's kOnlyState).
extern const luaL_Reg driver_k_funcs[] = {
    {"note_done", l_note_done},
    {nullptr, nullptr},
};

}  // namespace luasync::kernel
