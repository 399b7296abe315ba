// luasync as a C module for stock Lua 5.4: `local asyncio = require "asyncio"`
// in lua5.4 opens the same runtime the luasync binary runs (open_runtime) on
// the state that requires it, with a loop of its own, and asyncio.run(main())
// drives that loop from the main thread (asyncio.lua: run_from_main).
//
// Lifetime: the Loop belongs to a full userdata anchored in the registry;
// its __gc, which lua_close calls after the finalizers of every object made
// later (the runtime's handles), closes the runtime's modules and the loop;
// the Loop and the kernel are freed later (parked_loop below).
// The module is built without Lua (the host's API is used) and exports only
// luaopen_asyncio (cmake/module.map).
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "lua/runtime_modules.hpp"
#include "lua/state.hpp"
#include "runtime/interrupt.hpp"
#include "runtime/loop.hpp"

namespace luasync {

namespace {

constexpr const char* kModuleMt = "luasync.module_loop";
constexpr const char* kRegModuleLoop = "luasync.module_loop_box";
// The globals the first require defines (asyncio, async, await, time), which
// a require after package.loaded.asyncio was cleared defines again.
constexpr const char* kRegModuleGlobals = "luasync.module_globals";
constexpr const char* kGlobals[] = {"asyncio", "async", "await", "time"};

struct LoopBox {
  Loop* loop;
};

// The state that has the runtime open, if any. The runtime's kernel, its
// Ctrl-C, signal and thread machinery are one per process (kernel(L) does
// not look at L), so a second state of the process is refused until the
// first is closed.
std::atomic<lua_State*> owner{nullptr};

// The loop and kernel of a state whose loop was closed. Objects made before
// the require are finalized after the loop's box (lua_close finalizes the
// newest first), and such a finalizer may still call asyncio: the kernel
// must be there to say "Event loop is closed" (it is marked closed). So they
// are freed at the next require, which makes new ones, or at exit.
Loop* parked_loop = nullptr;

void free_parked() {
  if (parked_loop == nullptr) return;
  delete parked_loop;
  parked_loop = nullptr;
  free_runtime_kernel();
}

int l_loop_gc(lua_State* L) {
  auto* box = static_cast<LoopBox*>(luaL_checkudata(L, 1, kModuleMt));
  Loop* loop = box->loop;
  box->loop = nullptr;
  if (loop == nullptr) return 0;
  switch (close_runtime(L, *loop)) {
    case RuntimeClose::Clean: {
      static const bool at_exit = std::atexit(free_parked) == 0;
      (void)at_exit;
      parked_loop = loop;
      owner.store(nullptr);
      break;
    }
    case RuntimeClose::ThreadBusy:
    case RuntimeClose::RequestBusy:
      // Something still runs on a thread that uses the loop: it must outlive
      // the state, as in the binary (which leaves with _Exit then).
      std::fputs("asyncio: a thread job or a file request was still running when Lua closed\n", stderr);
      std::fflush(stdout);
      std::fflush(stderr);
      std::_Exit(1);
  }
  return 0;
}

// Ctrl-C and SIGPIPE are luasync's only while asyncio.run drives the loop,
// as lua5.4 takes SIGINT only while it runs a chunk; the process's own
// handlers come back when run returns.
// asyncio.run never nests (asyncio.lua refuses it), so enter and leave pair.
struct sigaction saved_int, saved_pipe;

int l_enter(lua_State*) {
  sigaction(SIGINT, nullptr, &saved_int);
  sigaction(SIGPIPE, nullptr, &saved_pipe);
  interrupt_rearm();
  install_signal_handlers();
  return 0;
}

int l_leave(lua_State*) {
  sigaction(SIGINT, &saved_int, nullptr);
  sigaction(SIGPIPE, &saved_pipe, nullptr);
  interrupt_rearm();
  return 0;
}

}  // namespace

}  // namespace luasync

extern "C" __attribute__((visibility("default"))) int luaopen_asyncio(lua_State* L) {
  using namespace luasync;
  // The runtime lives on the main thread (its kernel refuses any other):
  // refused before anything is changed, so a later require still works.
  if (!lua_pushthread(L)) return luaL_error(L, "require \"asyncio\" on the main thread, not in a coroutine");
  lua_pop(L, 1);
  if (lua_getfield(L, LUA_REGISTRYINDEX, kRegModuleLoop) != LUA_TNIL) {
    // Opened already (a second require after package.loaded.asyncio was
    // cleared): the same module, and its globals again, as the first
    // require defined them.
    lua_getfield(L, LUA_REGISTRYINDEX, kRegModuleGlobals);
    for (const char* name : kGlobals) {
      lua_getfield(L, -1, name);
      lua_setglobal(L, name);
    }
    lua_getfield(L, -1, "asyncio");
    return 1;
  }
  lua_pop(L, 1);
  auto* box = static_cast<LoopBox*>(lua_newuserdatauv(L, sizeof(LoopBox), 0));
  box->loop = nullptr;
  if (luaL_newmetatable(L, kModuleMt)) {
    lua_pushcfunction(L, l_loop_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  lua_State* none = nullptr;
  if (!owner.compare_exchange_strong(none, L))
    return luaL_error(L, "asyncio is open in another Lua state of this process: one state at a time can run it");
  free_parked();  // (its state is closed: nothing can reach it any more)
  box->loop = new (std::nothrow) Loop(ClockKind::Real);
  if (box->loop == nullptr) {
    owner.store(nullptr);
    return luaL_error(L, "not enough memory for the event loop");
  }
  if (int err = box->loop->init_error()) {
    delete box->loop;
    box->loop = nullptr;
    owner.store(nullptr);
    return luaL_error(L, "cannot initialise the event loop: %s (%s)", uv_strerror(err), uv_err_name(err));
  }
  lua_setfield(L, LUA_REGISTRYINDEX, kRegModuleLoop);
  // What asyncio.run needs to drive the loop from the main thread.
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, l_enter);
  lua_setfield(L, -2, "enter");
  lua_pushcfunction(L, l_leave);
  lua_setfield(L, -2, "leave");
  set_runtime_module(L, "luasync.module");
  if (const char* error = open_runtime(L, *box->loop)) return luaL_error(L, "cannot open asyncio: %s", error);
  lua_createtable(L, 0, 4);
  for (const char* name : kGlobals) {
    lua_getglobal(L, name);
    lua_setfield(L, -2, name);
  }
  lua_setfield(L, LUA_REGISTRYINDEX, kRegModuleGlobals);
  // A later require "asyncio" comes here again (its globals defined again),
  // not to the runtime's own copy that package.preload answers for its
  // other modules (lua/runtime_modules.cpp).
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  lua_pushcfunction(L, luaopen_asyncio);
  lua_setfield(L, -2, "asyncio");
  lua_pop(L, 1);
  lua_getglobal(L, "asyncio");
  return 1;
}
