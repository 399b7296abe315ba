// Internal to the kernel (kernel.cpp: ready queue, task step, driver,
// coroutine objects; queue.cpp: asyncio's queues): the upvalues every kernel
// function shares, the coroutine object, and the helpers both files use.
#pragma once

#include <cstdint>

#include "lua/state.hpp"

namespace luasync::kernel {

// Integer slots of the state table K shared with task.lua, for what the hot
// paths read or write on every step: from C a rawgeti costs a third of a
// lookup by name. core.SLOT_* tells the Lua side.
enum StateSlot : int {
  kSlotCurrent = 1,    // the running task, or nil
  kSlotAwaitSlow = 2,  // task.lua's await of everything but kernel ops
  kSlotSched = 3,      // the scheduler module (scheduler.lua): REPL hooks, deadline slots
};

// The upvalues of every kernel function (luaL_setfuncs gives each its own
// copy of the same values).
enum Upvalue : int {
  kKernel = 1,  // full userdata Kernel
  kLoop,        // light userdata Loop
  kState,       // table K: slots, Lua fallbacks, the scheduler module
  kAwait,       // the AWAIT marker yielded by a suspending task
  kQ0,          // ready queue set 0: fn, a, b tables at kQ0, kQ0 + 1, kQ0 + 2; set 1 follows
  kFresh = kQ0 + 6,
  kOpMt,    // metatable of ops
  kOpGcMt,  // the same with __gc
  kCoreMt,  // metatable of queue cores (queue.cpp)
  kKeyState,
  kKeyMustCancel,
  kKeyFutWaiter,
  kKeyCo,
  kKeyCore,
  kKeyValue,
  kKeyIoReady,  // the scheduler hooks run_once reads every iteration
  kKeyIoHook,
  kUpvalueCount = kKeyIoHook
};
inline constexpr const char* kKeys[] = {"_state", "_must_cancel", "_fut_waiter", "_co",
                                        "_core",  "_value",       "io_ready",    "io_hook"};
static_assert(sizeof(kKeys) / sizeof(kKeys[0]) == kUpvalueCount - kCoreMt);

inline int up(int i) { return lua_upvalueindex(i); }

// A library coroutine object (Queue.get / Queue.put): a userdata with the
// queue core (and the item) as user values. See kernel.cpp for its life.
enum class OpKind : std::uint8_t { Get, Put };
struct Op {
  OpKind kind;
  bool started;
  std::uint64_t generation;  // Kernel::generation when made
  lua_Integer slot;          // its index in FRESH
};

// The kernel's C++ state, one per Lua state (its userdata is upvalue
// kKernel, which anchors it).
struct Kernel {
  int cur = 0;                   // the ready set call_soon appends to
  lua_Integer n[2] = {0, 0};     // entries in each set
  lua_Integer fresh = 0;         // ops made since the last settle: FRESH[1..fresh]
  std::uint64_t generation = 0;  // settles so far (never wraps): tells a FRESH slot of this run from an old one
  // Identities (lua_topointer) of values the upvalues anchor for the state's
  // life: comparing them costs one API call where lua_rawequal costs three
  // times as much.
  const void* op_mt = nullptr;
  const void* op_gc_mt = nullptr;
  const void* core_mt = nullptr;
  const void* await = nullptr;
};

// The Kernel is read through the thread's extra space (lua_getextraspace),
// which open_kernel fills in on the main thread; a coroutine starts with a
// copy of the main thread's. Precondition (LuaState keeps it): no coroutine
// is made before open_kernel. Reading it there costs no API call.
inline Kernel& kernel(lua_State* L) { return **static_cast<Kernel**>(lua_getextraspace(L)); }

// [-0, +1] t[key] for the key string held in upvalue `key`; t is absolute.
inline int get(lua_State* L, int t, int key) {
  lua_pushvalue(L, up(key));
  return lua_rawget(L, t);
}
// [-1, +0] t[key] = top; t is absolute.
inline void set(lua_State* L, int t, int key) {
  lua_pushvalue(L, up(key));
  lua_insert(L, -2);
  lua_rawset(L, t);
}

// [-0, +0] t[key] = nil; t is absolute.
inline void set_nil(lua_State* L, int t, int key) {
  lua_pushvalue(L, up(key));
  lua_pushnil(L);
  lua_rawset(L, t);
}

// [-0, +1] K[name], for the Lua fallbacks (cold paths).
inline void push_fallback(lua_State* L, const char* name) { lua_getfield(L, up(kState), name); }

// kernel.cpp
// [-0, +1] a new op of `kind` whose first user value is the value at
// index `core` and, for a put, whose second is the value at `item`.
void push_op(lua_State* L, OpKind kind, int core, int item);
// [-0, +0] schedules the step of the task at index `task`.
void schedule_step(lua_State* L, int task);

// queue.cpp
// The steps of a started op: the stack is 1 = op, 2 = its queue core. They
// return the op's results, raise, or yield (the task waits).
int get_step(lua_State* L);
int put_step(lua_State* L);
// The queue functions of luasync.core, registered with the kernel upvalues.
extern const luaL_Reg queue_funcs[];

}  // namespace luasync::kernel
