// Library coroutine objects ("ops"): what asyncio.sleep, Queue.get and
// Queue.put return. An op is a userdata, not a Lua coroutine: awaiting it
// runs its kind's step in the awaiting task's own coroutine, which waits
// through the wait primitive (wait.hpp) and resumes in the step's
// continuation. It runs at most once, like every coroutine object
// (docs/api.md), and one collected unstarted reports "never awaited".
//
// Invariants:
// - An op has no finalizer when made: ops still unstarted when the loop
//   iteration that made them ends (settle) get the metatable with __gc that
//   reports them. Ops awaited at once -- almost all -- never cost one.
// - Ops made since the last settle are FRESH[1..Kernel::fresh] (reachable
//   from the kernel's upvalues only). An op awaited while it is the last
//   entry -- the usual `await(q:get())` -- leaves at once: fresh goes down,
//   and its slot is overwritten by the next op or cleared by the settle at
//   the end of the loop iteration, so it is kept alive no longer than that
//   and settle visits only the others.
#pragma once

#include <cstdint>
#include <lua.hpp>

#include "runtime/deadlines.hpp"

namespace luasync::kernel {

struct Op;

// A kind of op. step runs it once awaited, with the op at stack index 1 (its
// started flag set): it returns the op's results, raises, or waits and yields
// through suspend() (wait.hpp). abort is its wait's abort (wait.lua): it
// undoes what the wait registered (the op at index op, the waiting task at
// task) and answers whether the wait is aborted; queue waits undo nothing
// (the entry goes stale), a sleep cancels its deadline.
// An op knows where it was made (the never-awaited warning names it): the
// calling function and the line, when its kind says so (sleep: finding them
// costs a fraction of the op, less when made where the last was); in debug
// mode every op does. The function (debug mode: the origin) waits in
// FRESH_WHERE and Kernel::fresh_where at the op's FRESH slot has its line
// and index there, and only an op that settle leaves unstarted keeps them,
// in its guard (ops.cpp): the ops that are awaited at once, nearly all,
// carry nothing for them.
struct OpKind {
  const char* name;  // "coroutine '<name>' was never awaited"
  lua_CFunction step;
  bool (*abort)(lua_State* L, Op* op, int op_index, int task);
  bool where = false;
};

struct Op {
  std::uint8_t kind;
  std::uint8_t nuv;  // user values: the kind's
  bool started : 1;
  bool claimed : 1;     // a task holds it and will run it (or close it): never reported
  bool armed : 1;       // a sleep whose step set its deadline
  bool kept_where : 1;  // Kernel::fresh_where[slot] has where it was made
  // A sleep's count of results, or kManyResults: the list of them (its user
  // value) has the count as its field n.
  std::uint8_t nresults;
  std::uint32_t slot;  // its index in FRESH (while it is made in this loop iteration)
  // What a kind keeps. A sleep: its delay until its step, then its deadline
  // (for its abort).
  union {
    double delay;
    DeadlineHeap::Id deadline;
  };
};
// 16 bytes: a sleeping task's op, a userdata, is 48 bytes with its header
// (bench W3), a queue op with its user values 16 less than at 32.
static_assert(sizeof(Op) == 16, "an op's fields fit in 16 bytes");
inline constexpr std::uint8_t kManyResults = UINT8_MAX;

// Registers a kind for this Lua state's kernel; answers its id for push_op.
// Every state registers the same kinds in the same order, so the id is the
// same for each.
std::uint8_t register_op_kind(lua_State* L, const OpKind& kind);

// [-0, +1] Pushes a new op of `kind` with nuv user values (set by the
// caller; one more, after them, holds where it was made).
Op* push_op(lua_State* L, std::uint8_t kind, int nuv);

// The op at index i, or null for anything else.
Op* to_op(lua_State* L, int i);

// sleep.cpp: registers the sleep kind and adds sleep(delay, ...) to the
// table at index t (luasync.core).
void open_sleep(lua_State* L, int t);

}  // namespace luasync::kernel
