// The wait primitive: the one way a task suspends and the one way it is woken
// (docs/architecture.md, "Waiting").
//
// A task waits in three moves, all in C with no Lua code between them:
// wait_prepare answers the wait's generation, which the waker it registers
// keeps and gives back to wake(); wait_begin(what) marks it waiting; it
// yields the AWAIT marker (suspend). `what` is what it waits on (a Future,
// an op: a sleep, a Queue.get...; nil for nothing, as sleep(0)); it is the
// task's waiter (CPython's Task._fut_waiter) until the task's next step
// starts, and its metatable names the abort that cancel() calls (wait.lua's
// registry). Lua code waits on a Future with core.await_future (wait.cpp).
// Read a task's waiter with push_waiter (Lua: core.waiter_of), never the
// field _fut_waiter alone: a wait begun in the task's own coroutine keeps
// its waiter in slot 1 of the suspended C frame that began it, which costs
// no table store (W2: two a round trip); one begun in a coroutine nested in
// the task (coroutines.cpp) stores it in task._fut_waiter.
//
// Invariants:
// - A task's wait word (its coroutine's extra space: the 8 bytes Lua
//   reserves per thread) holds the generation of its current or last wait
//   and where that wait stands. Each wait_begin takes a new generation.
// - The waiter bits of the wait word say where the waiter is: in the frame
//   (slot 1 of the frame that called wait_begin, which keeps it there until
//   it yields and is suspended until the next step), in _fut_waiter, or
//   nowhere. The next step clears both, and resets _fut_waiter to false when
//   it held one, as CPython's Task.__step clears _fut_waiter.
// - wake(task, gen) is the one check that drops stale wake-ups: it acts only
//   while the wait `gen` is Waiting, and moves it to Woken (or Aborted), so
//   exactly one wake-up per wait reschedules the task.
// - cancel() calls a wait's abort only while it is Waiting, and at most
//   once: an abort that ends the wait (answers "aborted") moves it to
//   Aborted, one that fails marks it spent. The one exception is an abort
//   that forwards the cancellation to what the task waits on (a Future: it
//   cancels the Future, whose completion then wakes the task); CPython's
//   Task.cancel cancels _fut_waiter on every call, because an awaited Task
//   may swallow one cancellation and need another, so a forwarding abort
//   stays callable while the wait goes on.
#pragma once

#include <cstdint>
#include <lua.hpp>

namespace luasync::kernel {

enum class WaitState : std::uint8_t {
  None,     // never waited (or the task's wait was abandoned)
  Waiting,  // suspended; wake() with its generation reschedules it
  Woken,    // rescheduled by its waker; the step has not run yet, or runs now
  Aborted,  // rescheduled by cancel() with CancelledError
};

// The wait word of a coroutine: generation << 7 | memory refused << 6 |
// waiter in the frame << 5 | waiter stored << 4 | out of memory << 3 |
// spent << 2 | state. "Out of memory": the task took memory beyond the
// tasks' limit (lua/state.cpp); its next wait raises "not enough memory".
// "Memory refused": since its last wait began, Lua raised "not enough
// memory" in the task itself (an allocation refused at its ceiling), so the
// error for that overrun reached its code already: until its next wait
// begins (which rewrites the word), what it takes beyond the limit -- its
// pcall's handler, its cleanup, while what it held is not yet collected --
// flags it no more. The waiter bits: see above.
struct WaitWord {
  std::uint64_t bits;
  WaitState state() const { return static_cast<WaitState>(bits & 3); }
  bool abort_spent() const { return (bits & 4) != 0; }
  bool out_of_memory() const { return (bits & 8) != 0; }
  std::uint64_t generation() const { return bits >> 7; }
};
constexpr std::uint64_t kOutOfMemoryBit = 8;
constexpr std::uint64_t kMemoryRefusedBit = 64;
constexpr std::uint64_t kWaiterBit = 16;       // in the task's _fut_waiter
constexpr std::uint64_t kFrameWaiterBit = 32;  // in slot 1 of the suspended frame
// In the word of a coroutine that is no task's own (a coroutine.wrap
// generator, an async_generator): it is suspended passing a task's await up
// (kernel/coroutines.cpp), so only that task's wake-up may resume it. A
// task's word is rewritten whole at each wait and never has it.
constexpr std::uint64_t kForwardingBit = std::uint64_t{1} << 63;
constexpr std::uint64_t kWaitStateMask = 3;
inline WaitWord& wait_word(lua_State* co) { return *static_cast<WaitWord*>(lua_getextraspace(co)); }

// A wait begins in two phases, so that registering the waker (which may
// raise: out of memory) happens before the task counts as waiting:
// wait_prepare raises the outside-a-task error when no task runs or it cannot
// yield here, and answers the generation the wait will have; the caller
// registers its waker with it; then wait_begin(what, gen), which does not
// raise, marks the running task Waiting on the value at index `what` (0 or
// nil: on nothing). `task` is the index of the running task (push_current_task) if
// the caller has it on the stack, else 0. A caller whose `what` is slot 1
// keeps it there until it suspends.
std::uint64_t wait_prepare(lua_State* L);
// Whether a task could suspend here: in a step, in the coroutine the kernel
// resumed last, with no C call in between that cannot yield.
bool can_wait(lua_State* L);
// Raises that same error unless a task could suspend here: await checks it
// first, so an await outside a task fails also when it would not have had
// to wait (a done Future, a free Lock, an async function that returns).
// The value at index `awaited` (0: none), refused, is closed: it will never
// run, and the error says why (no never-awaited warning on top).
void check_can_wait(lua_State* L, int awaited = 0);
void wait_begin(lua_State* L, int what, std::uint64_t gen, int task = 0);

// [-0, +1] Pushes the waiter of the task at index `task`: what it waits on
// (until its next step starts), or false or nil (nothing).
void push_waiter(lua_State* L, int task);

// [-0, +0] future.lua's add_waiter: the value at index `waiter` (a waiting
// task or a function) becomes the next done callback of the pending future
// at index `fut` (absolute indices): its CB while that and the list
// _callbacks are empty (nil, or a task's false), else in the list. May
// raise (memory) before the entry exists.
void add_waiter(lua_State* L, int fut, int waiter);
// [-0, +0] add_waiter, unless the waiter is the future's last done callback
// already (gather given the same task twice): whether it was added. One
// read of each field where last_waiter then add_waiter made two.
bool add_waiter_once(lua_State* L, int fut, int waiter);

// [-0, +0] Wakes the task at index `task` if its wait `gen` is still
// Waiting: schedules its step, raising the value at index `exc` there unless
// exc is 0. `aborted` records that cancel() ended the wait. True if it woke.
// `in_batch`: the step joins the end of the batch that runs now
// (schedule_step_in_batch), for a wake-up without an error.
bool wake(lua_State* L, int task, std::uint64_t gen, int exc, bool aborted = false, bool in_batch = false);

// [-0, +0] wait_begin(L, 0, gen) and at once wake(L, task, gen, 0) for the
// running task at index `task` (asyncio's bare yield: sleep(0)), the same
// states in the same order, without looking up the task's coroutine (it is
// Kernel::running) or checking a wait that has just begun.
void yield_turn(lua_State* L, int task, std::uint64_t gen);

// [-0, +0] Debug mode (the caller checks Kernel::debug): records the
// frames of the code that woke the task at index `task`, whose step is
// scheduled now, for the reports made during that step (wait.cpp). The
// schedulers of a woken step call it (ready_queue.cpp), not wake() itself:
// wake() stays small enough to be inlined where it is hot (W2's Queue).
[[gnu::cold, gnu::noinline]] void note_step_origin(lua_State* L, int task);

// [-0, +0] Wakes the current wait of the task at index `task`, for a waker
// that cannot be stale (a Future's done callback: the completion consumed
// its entry, and the task waits on nothing else meanwhile); raising the
// value at `exc` unless exc is 0. True if it woke.
bool wake_waiting(lua_State* L, int task, int exc = 0);

// How the running task's last wait ended: by an abort (cancel) rather than
// its waker. For a wait's own cleanup, as CPython's `getter.cancelled()`.
bool running_wait_aborted(lua_State* L);

// [-0, +1] Yields the AWAIT marker from the running task's coroutine L (its
// wait begun), continuing in k with ctx when it is resumed: the C half of
// `await`. Does not return.
int suspend(lua_State* L, lua_KContext ctx, lua_KFunction k);

// The bindings of wait.cpp for luasync.core.
extern const luaL_Reg wait_funcs[];
extern const luaL_Reg wait_k_funcs[];  // K alone (kernel.hpp's kOnlyState)

}  // namespace luasync::kernel
