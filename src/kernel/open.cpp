// Opening the kernel in a Lua state: its C++ state, the upvalues its
// bindings share, and the internal module luasync.core (the kernel's Lua
// surface; user code reaches it only through asyncio and time).
#include "kernel/open.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "kernel/interrupt_hook.hpp"
#include "kernel/kernel.hpp"
#include "kernel/ops.hpp"
#include "kernel/wait.hpp"
#include "lua/errors.hpp"
#include "lua/runtime_modules.hpp"

namespace luasync {

namespace kernel {

namespace {

// One loop thread, one Lua state with a kernel (docs/architecture.md).
thread_local Kernel* current_kernel = nullptr;

// set_clock(kind) -> ok, the kind before; ok is false when deadlines are
// pending.
int l_set_clock(lua_State* L) {
  static const char* const kinds[] = {"real", "virtual", nullptr};
  int kind = luaL_checkoption(L, 1, nullptr, kinds);
  Loop& loop = *kernel(L).loop;
  bool was_virtual = loop.clock().kind() == ClockKind::Virtual;
  lua_pushboolean(L, loop.set_clock(kind == 1 ? ClockKind::Virtual : ClockKind::Real));
  lua_pushstring(L, kinds[was_virtual ? 1 : 0]);
  return 2;
}

int l_versions(lua_State* L) {
  lua_pushstring(L, LUASYNC_VERSION);
  lua_pushstring(L, LUA_RELEASE);
  lua_pushstring(L, uv_version_string());
  return 3;
}

// provide(name, fn): the Lua side gives one of boundary.hpp's functions.
int l_provide(lua_State* L) {
  const char* name = luaL_checkstring(L, 1);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  for (int i = 0; i < static_cast<int>(LuaFn::Count); ++i) {
    if (std::string_view(name) == kLuaFnNames[i]) {
      lua_settop(L, 2);
      lua_rawseti(L, up(L, kState), kSlotFirstFn + i);
      return 0;
    }
  }
  return luaL_error(L, "internal error: provide('%s'): not a function of kernel/boundary.hpp", name);
}

// check_provided(): raises naming the first of boundary.hpp's functions that
// the Lua side has not provided.
int l_check_provided(lua_State* L) {
  for (int i = 0; i < static_cast<int>(LuaFn::Count); ++i) {
    if (lua_rawgeti(L, up(L, kState), kSlotFirstFn + i) != LUA_TFUNCTION) {
      return luaL_error(L, "internal error: the Lua side did not provide '%s' (kernel/boundary.hpp)", kLuaFnNames[i]);
    }
    lua_pop(L, 1);
  }
  return 0;
}

// set_shutting_down(n): the runtime cancels what is left, n tasks; their
// cleanup may use the memory reserve (running_task_coroutine), and more
// (shutdown_allowance).
int l_set_shutting_down(lua_State* L) {
  Kernel& k = kernel(L);
  k.shutting_down = true;
  k.shutdown_tasks = static_cast<std::size_t>(std::max<lua_Integer>(0, luaL_optinteger(L, 1, 0)));
  k.unpark = k.parked_tasks != 0;
  return 0;
}

// set_console(co): the REPL's console runs in co (Kernel::console).
int l_set_console(lua_State* L) {
  kernel(L).console = lua_tothread(L, 1);
  return 0;
}

// [-0, +n] An entry of the module called with every argument, answering
// what the Lua function behind it (upvalue 2; 1 is the kernel's K, which
// marks a binding) answers; it may yield (asyncio.run awaits). Entered
// through C, as the C bindings are, the function keeps its caller's frame on
// the stack even when the caller tail-calls it (`return asyncio.wait_for(nil,
// 1)`: Lua replaces a Lua caller's frame only for a Lua callee), so a bad
// argument names the user's line (arg_error skips this frame, a binding's).
int entered_done(lua_State* L, int, lua_KContext) { return lua_gettop(L); }
// Calls the function at upvalue `fn` with every argument, answering what it
// answers (both kinds of entry).
int call_entered(lua_State* L, int fn) {
  lua_pushvalue(L, lua_upvalueindex(fn));
  lua_insert(L, 1);
  lua_callk(L, lua_gettop(L) - 1, LUA_MULTRET, 0, entered_done);
  return lua_gettop(L);
}
int l_entered(lua_State* L) { return call_entered(L, 2); }

// entry(fn) -> the binding that enters fn (l_entered): what the module's
// functions written in Lua are, as asyncio.sleep is a binding. (Two
// upvalues, not the kernel's every one: the module has ~50 of them.)
int l_entry(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 1);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_pushcclosure(L, l_entered, 2);
  return 1;
}

// [-0, +n] An entry made by lazy: the function is found at its first
// call, upvalue 5(upvalue 2)[upvalue 3] (then [upvalue 4] if given): the
// runtime's require, never the user's; kept in upvalue 6; then as
// l_entered.
int l_lazy_entered(lua_State* L) {
  if (lua_isnil(L, lua_upvalueindex(6))) {
    lua_pushvalue(L, lua_upvalueindex(5));
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_call(L, 1, 1);
    lua_getfield(L, -1, lua_tostring(L, lua_upvalueindex(3)));
    if (!lua_isnil(L, lua_upvalueindex(4))) lua_getfield(L, -1, lua_tostring(L, lua_upvalueindex(4)));
    lua_replace(L, lua_upvalueindex(6));
    lua_settop(L, lua_gettop(L) - (lua_isnil(L, lua_upvalueindex(4)) ? 1 : 2));
  }
  return call_entered(L, 6);
}

// lazy(modname, field, subfield or nil, require) -> an entry (as entry's)
// of the function require(modname)[field][subfield], required at its first
// call: the module's functions whose modules load at first use, made at
// start with one closure each. (The runtime's own calls, at its load: its
// arguments are not checked, and each costs a few dozen instructions.)
int l_lazy(lua_State* L) {
  lua_settop(L, 4);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_pushnil(L);
  lua_pushcclosure(L, l_lazy_entered, 6);
  return 1;
}

const luaL_Reg core_funcs[] = {
    {"entry", l_entry},
    {"lazy", l_lazy},
    {"set_console", l_set_console},
    {"set_clock", l_set_clock},
    {"set_shutting_down", l_set_shutting_down},
    {"versions", l_versions},
    {"provide", l_provide},
    {"check_provided", l_check_provided},
    {nullptr, nullptr},
};

}  // namespace

Kernel& kernel(lua_State*) { return *current_kernel; }

int raise_loop_closed(lua_State* L) { return raise_error(L, "RuntimeError", "Event loop is closed"); }

void register_funcs(lua_State* L, int t, const luaL_Reg* funcs, int extra, int upvalues) {
  if (upvalues < kOnlyState || upvalues > kKernelUpvalues)
    luaL_error(L, "internal error: register_funcs: %d kernel upvalues", upvalues);
  t = lua_absindex(L, t);
  luaL_checkstack(L, kKernelUpvalues + 4, "register_funcs");
  const int first_extra = lua_gettop(L) - extra + 1;
  lua_pushvalue(L, t);
  lua_insert(L, first_extra);  // luaL_setfuncs wants the table below the upvalues
  lua_getfield(L, LUA_REGISTRYINDEX, kRegKernelUpvalues);
  const int uvs = lua_gettop(L);
  for (int i = 1; i <= upvalues; ++i) lua_rawgeti(L, uvs, i);
  lua_remove(L, uvs);
  lua_rotate(L, first_extra + 1, upvalues);  // the kernel's first, then the extras
  luaL_setfuncs(L, funcs, upvalues + extra);
  lua_pop(L, 1);
}

#ifdef LUASYNC_CHECKS
void check_upvalue(lua_State* L, int i) {
  lua_Debug ar;
  if (!lua_getstack(L, 0, &ar) || !lua_getinfo(L, "u", &ar) || i <= ar.nups) return;
  // Not luaL_error: a pcall on the way could swallow it, and the binding
  // would go on with a nil where a table belongs.
  std::fprintf(stderr, "internal error: a kernel binding with %d upvalues read upvalue %d (register_funcs)\n",
               static_cast<int>(ar.nups), i);
  std::abort();
}
#endif

void push_kernel_closure(lua_State* L, lua_CFunction fn, int extra) {
  // The upvalues are more than the LUA_MINSTACK slots a C function may use.
  luaL_checkstack(L, kKernelUpvalues + 2, "a kernel closure");
  const int own = lua_gettop(L) - extra + 1;
  lua_getfield(L, LUA_REGISTRYINDEX, kRegKernelUpvalues);
  const int uvs = lua_gettop(L);
  for (int i = 1; i <= kKernelUpvalues; ++i) lua_rawgeti(L, uvs, i);
  lua_remove(L, uvs);
  lua_rotate(L, own, kKernelUpvalues);  // the kernel's first, then its own
  lua_pushcclosure(L, fn, kKernelUpvalues + extra);
}

bool is_module_entry(lua_State* L, int idx) {
  const lua_CFunction f = lua_tocfunction(L, idx);
  return f == l_entered || f == l_lazy_entered;
}

}  // namespace kernel

void flag_out_of_memory() {
  if (running_task_coroutine() == nullptr) return;
  kernel::WaitWord& w = kernel::wait_word(kernel::current_kernel->running);
  if ((w.bits & kernel::kMemoryRefusedBit) == 0) w.bits |= kernel::kOutOfMemoryBit;
  kernel::current_kernel->memory_news = kernel::Kernel::MemoryNews::Pressure;
  kernel::current_kernel->overrun_since_collect = true;
  if (!kernel::current_kernel->collect_left_over) kernel::arm_collect_hook(*kernel::current_kernel);
}

// A task's two memory bits (the error due at its next wait; the error Lua
// raised since it began), saved and put back together.
constexpr std::uint64_t kMemoryBits = kernel::kOutOfMemoryBit | kernel::kMemoryRefusedBit;

unsigned note_memory_refused() {
  if (running_task_coroutine() == nullptr) return 0;
  kernel::WaitWord& w = kernel::wait_word(kernel::current_kernel->running);
  const auto before = static_cast<unsigned>(w.bits & kMemoryBits);
  w.bits = (w.bits & ~kMemoryBits) | kernel::kMemoryRefusedBit;
  return before;
}

void withdraw_memory_refusal(unsigned before) {
  if (running_task_coroutine() == nullptr) return;
  kernel::WaitWord& w = kernel::wait_word(kernel::current_kernel->running);
  w.bits = (w.bits & ~kMemoryBits) | (before & kMemoryBits);
}

void note_memory_relief() {
  if (kernel::current_kernel != nullptr) kernel::current_kernel->memory_news = kernel::Kernel::MemoryNews::Relief;
}

const void* running_task_coroutine() {
  const kernel::Kernel* k = kernel::current_kernel;
  return k == nullptr || k->shutting_down || k->running == k->console ? nullptr : k->running;
}

bool runtime_shutting_down() {
  const kernel::Kernel* k = kernel::current_kernel;
  return k != nullptr && k->shutting_down;
}

std::size_t shutdown_allowance() {
  // Cancelling a task that has not started takes ~180 bytes (its table
  // grows, a CancelledError, its finish); a started one's unwinding, and
  // the REPL's wait on them all, more.
  constexpr std::size_t kPerTask = 512;
  const kernel::Kernel* k = kernel::current_kernel;
  return k == nullptr || !k->shutting_down ? 0 : k->shutdown_tasks * kPerTask;
}

void open_kernel(lua_State* L, Loop& loop) {
  using namespace kernel;
  luaL_checkstack(L, kKernelUpvalues + 10, "open_kernel");
  if (lua_pushthread(L) != 1) luaL_error(L, "open_kernel: not the main thread");
  lua_pop(L, 1);
  // Every coroutine starts with a copy of the main thread's extra space: its
  // wait word (wait.hpp) starts at generation 0, never waited.
  wait_word(L).bits = 0;
  auto* k = new Kernel();
  k->loop = &loop;
  current_kernel = k;

  // luasync.core, sized for the ~100 bindings it gets (a table grown one key
  // at a time is rehashed at every power of two: bench W6).
  lua_createtable(L, 0, 128);
  const int core = lua_gettop(L);
  lua_pushvalue(L, core);
  set_runtime_module(L, "luasync.core");

  // The upvalues, in Upvalue order, into the registry table register_funcs reads.
  lua_createtable(L, kKernelUpvalues, 0);
  const int uvs = lua_gettop(L);
  lua_pushvalue(L, uvs);
  lua_setfield(L, LUA_REGISTRYINDEX, kRegKernelUpvalues);
  int n = 0;
  auto add = [&](int expected) {
    if (++n != expected) luaL_error(L, "open_kernel: upvalue %d out of order", expected);
    lua_rawseti(L, uvs, n);
  };
  lua_newtable(L);  // K
  lua_pushvalue(L, -1);
  lua_setfield(L, core, "K");
  lua_pushvalue(L, -1);
  luasync::set_binding_marker(L);  // every binding's first upvalue: bad arguments name the user's line
  add(kState);
  lua_newtable(L);  // the AWAIT marker: task.lua names it
  k->await = lua_topointer(L, -1);
  lua_pushvalue(L, -1);
  lua_setfield(L, core, "AWAIT");
  add(kAwait);
  for (int i = 0; i < 6; ++i) {  // two ready sets of fn, a, b
    lua_newtable(L);
    add(kQ0 + i);
  }
  lua_newtable(L);
  add(kFresh);
  lua_newtable(L);
  add(kFreshWhere);
  for (int i = 0; i < 3; ++i) {
    lua_newtable(L);
    add(kDeadFn + i);
  }
  lua_newtable(L);  // live, which task.lua takes from K
  lua_rawgeti(L, uvs, kState);
  lua_pushvalue(L, -2);
  lua_rawseti(L, -2, kSlotLive);
  lua_pop(L, 1);
  add(kLive);
  // The ops' metatable, with its __index table; the guards' (ops.cpp's settle).
  lua_newtable(L);
  const int index = lua_gettop(L);
  lua_createtable(L, 0, 4);
  lua_pushliteral(L, "coroutine");
  lua_setfield(L, -2, "__name");
  lua_pushvalue(L, index);
  lua_setfield(L, -2, "__index");
  k->op_mt = lua_topointer(L, -1);
  lua_pushvalue(L, -1);
  lua_setfield(L, core, "OP_MT");
  add(kOpMt);
  lua_createtable(L, 0, 2);
  lua_pushliteral(L, "coroutine guard");
  lua_setfield(L, -2, "__name");
  add(kOpGuardMt);
  for (const char* key : kKeys) {
    lua_pushstring(L, key);
    add(n + 1);
  }
  if (n != kKernelUpvalues) luaL_error(L, "open_kernel: %d upvalues, expected %d", n, kKernelUpvalues);

  // The weak sets of check_unawaited, and the guards of the ops settle armed.
  lua_rawgeti(L, uvs, kState);
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  for (int slot : {kSlotUnstarted, kSlotHeld, kSlotOpGuards}) {
    lua_createtable(L, 0, 0);
    lua_pushvalue(L, -2);
    lua_setmetatable(L, -2);
    lua_rawseti(L, -3, slot);
  }
  lua_pop(L, 1);
  lua_newtable(L);
  lua_rawseti(L, -2, kSlotParked);
  lua_pop(L, 1);
  // The slots the Lua side sets or reads, by name: core.SLOT_<NAME>.
  static constexpr struct {
    Slot slot;
    const char* name;
  } kLuaSlots[] = {
      {kSlotClient, "SLOT_CLIENT"},
      {kSlotCoroMt, "SLOT_CORO_MT"},
      {kSlotCoroGuardMt, "SLOT_CORO_GUARD_MT"},
      {kSlotFnNames, "SLOT_FN_NAMES"},
      {kSlotLive, "SLOT_LIVE"},
      {kSlotLiveNamed, "SLOT_LIVE_NAMED"},
      {kSlotTaskMt, "SLOT_TASK_MT"},
      {kSlotAsyncBodies, "SLOT_ASYNC_BODIES"},
      {kSlotNoResults, "SLOT_NO_RESULTS"},
      {kSlotInternal, "SLOT_INTERNAL"},
      {kSlotRunCallback, "SLOT_RUN_CALLBACK"},
      {kSlotStepOrigins, "SLOT_STEP_ORIGINS"},
  };
  for (const auto& s : kLuaSlots) {
    lua_pushinteger(L, s.slot);
    lua_setfield(L, core, s.name);
  }
  // The fields of Futures and Tasks (boundary.hpp's Field), which the Lua
  // files name by the same numbers: future.lua checks them against these.
  static constexpr struct {
    Field field;
    const char* name;
  } kLuaFields[] = {
      {kFieldState, "FIELD_STATE"}, {kFieldResult, "FIELD_RESULT"}, {kFieldCb, "FIELD_CB"},
      {kFieldCo, "FIELD_CO"},       {kFieldBody, "FIELD_BODY"},     {kFieldSeq, "FIELD_SEQ"},
  };
  for (const auto& f : kLuaFields) {
    lua_pushinteger(L, f.field);
    lua_setfield(L, core, f.name);
  }
  lua_rawgeti(L, uvs, kState);
  for (int i = kSlotFinished; i < kSlotFirstFn; ++i) {
    lua_pushstring(L, kSlotStrings[i - kSlotFinished]);
    if (i == kSlotFinished) k->finished = lua_topointer(L, -1);
    lua_rawseti(L, -2, i);
  }
  lua_pop(L, 1);
  for (const luaL_Reg* funcs :
       {ready_queue_funcs, timer_funcs, driver_funcs, op_funcs, coro_funcs, wait_funcs, spawn_funcs, gather_funcs}) {
    register_funcs(L, core, funcs, 0);
  }
  // The bindings that read no kernel upvalue but K: one upvalue each, not
  // kKernelUpvalues (~400 bytes less a closure).
  for (const luaL_Reg* funcs : {ready_queue_k_funcs, timer_k_funcs, driver_k_funcs, op_k_funcs, coro_k_funcs,
                                wait_k_funcs, core_funcs, interrupt_funcs, stack_reserve_funcs, task_body_funcs,
                                spawn_k_funcs, step_k_funcs, gather_k_funcs, collect_funcs}) {
    register_funcs(L, core, funcs, 0, kOnlyState);
  }
  open_interrupt();
  open_sleep(L, core);
  // coroutine.resume and coroutine.wrap, which pass a task's awaits through,
  // coroutine.yield, status and close; Lua's own yield stays at hand as
  // core.raw_yield, its status and close (for a task's coroutine, which the
  // program's refuse) as core.raw_status and core.raw_close.
  lua_getglobal(L, "coroutine");
  if (lua_istable(L, -1)) {
    lua_getfield(L, -1, "yield");
    lua_setfield(L, core, "raw_yield");
    lua_getfield(L, -1, "status");
    lua_setfield(L, core, "raw_status");
    lua_getfield(L, -1, "close");
    lua_setfield(L, core, "raw_close");
    register_funcs(L, lua_gettop(L), coroutine_funcs, 0, kAwait);
    register_funcs(L, lua_gettop(L), coroutine_k_funcs, 0, kOnlyState);
    for (const luaL_Reg* own : {coroutine_status_funcs, coroutine_close_funcs}) {
      lua_getfield(L, -1, own->name);
      register_funcs(L, -2, own, 1, kOnlyState);
    }
  }
  lua_pop(L, 1);
  set_yield_throw(L, core);
  // os.exit, which closes the main chunk's pending <close> variables.
  lua_getglobal(L, "os");
  if (lua_istable(L, -1)) {
    lua_pushcfunction(L, l_raw_exit);
    lua_setfield(L, core, "raw_exit");
    register_funcs(L, lua_gettop(L), exit_funcs, 0, kOnlyState);
  }
  lua_pop(L, 1);
  lua_rawgeti(L, uvs, kState);
  lua_getfield(L, core, "resume_task");
  lua_rawseti(L, -2, kSlotResumeTask);
  lua_getfield(L, core, "wake_entry");
  lua_rawseti(L, -2, kSlotWakeEntry);
  lua_getfield(L, core, "stop_marker");
  lua_rawseti(L, -2, kSlotStopMarker);
  lua_pop(L, 1);

  // The metatables' methods, from the bindings just made.
  lua_rawgeti(L, uvs, kOpMt);
  lua_getfield(L, core, "op_tostring");
  lua_setfield(L, -2, "__tostring");
  lua_rawgeti(L, uvs, kOpGuardMt);
  lua_getfield(L, core, "op_guard_gc");
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 2);
  lua_getfield(L, core, "op_close");
  lua_setfield(L, index, "close");
  // settle_kernel's handle, out of reach of scripts.
  lua_getfield(L, core, "settle");
  lua_setfield(L, LUA_REGISTRYINDEX, kRegSettle);
  lua_settop(L, core - 1);
}

void settle_kernel(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, kernel::kRegSettle);
  if (lua_pcall(L, 0, 0, 0) != LUA_OK) lua_pop(L, 1);  // out of memory: no reports
}

void mark_kernel_closed() {
  if (kernel::current_kernel != nullptr) kernel::current_kernel->closed = true;
}

void close_kernel() {
  close_interrupt();
  delete kernel::current_kernel;
  kernel::current_kernel = nullptr;
}

}  // namespace luasync
