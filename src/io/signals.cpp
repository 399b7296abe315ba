// loop:add_signal_handler / remove_signal_handler (asyncio/loop.lua): one
// uv_signal_t per signal. The libuv callback only counts and notes (an
// IoSource: kernel.hpp); the delivery enqueues signal_event(signum), which
// schedules the handler registered then as a callback of the loop's next
// turn, as CPython's _handle_signal does.
//
// libuv takes the signal with its own handler while the watch runs, and
// leaves SIG_DFL when it stops: the signal gets back the action it had
// before (for SIGINT and SIGPIPE, luasync's own: runtime/interrupt.cpp).
//
// Invariant: a watch exists exactly while a handler is registered for its
// signal; shutdown closes those left (close_signal_watches).
#include "io/signals.hpp"

#include <pthread.h>

#include <csignal>
#include <new>

#include "kernel/boundary.hpp"
#include "kernel/kernel.hpp"
#include "lua/errors.hpp"
#include "lua/runtime_modules.hpp"
#include "uv/handle.hpp"

namespace luasync::io {

namespace {

struct SignalWatch final : kernel::IoSource {
  kernel::Kernel* k = nullptr;
  uv::Handle<uv_signal_t> handle;
  int signum = 0;
  int pending = 0;
  struct sigaction previous {};  // what the signal did before: it gets it back
  void deliver(lua_State* L) override {
    while (pending > 0) {
      kernel::push_lua_fn(L, kernel::LuaFn::SignalEvent);
      lua_pushinteger(L, signum);
      lua_pushnil(L);
      kernel::enqueue(L);  // may raise (memory): the rest stay pending
      --pending;
    }
  }
};

constexpr int kMaxSignal = 64;
SignalWatch* watches[kMaxSignal + 1] = {};

void on_signal(uv_signal_t* h, int) {
  auto* w = static_cast<SignalWatch*>(h->data);
  w->pending++;
  kernel::note_io(*w->k, w);
}

void stop(int sig) {
  SignalWatch* w = watches[sig];
  if (w == nullptr) return;
  watches[sig] = nullptr;
  kernel::unnote_io(*w->k, w);
  // uv_close stops it and libuv leaves SIG_DFL: the signal is blocked until
  // its previous action is back, so none arrives in between.
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, sig);
  pthread_sigmask(SIG_BLOCK, &block, &old);
  w->handle.close();
  sigaction(sig, &w->previous, nullptr);
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  delete w;
}

// signal_watch(signum): starts watching it (once per signal). Raises
// OSError when libuv cannot (EINVAL).
int l_signal_watch(lua_State* L) {
  const auto sig = luaL_checkinteger(L, 1);
  luaL_argcheck(L, sig >= 1 && sig <= kMaxSignal, 1, "signal out of range");
  kernel::check_loop_open(L);
  if (watches[sig] != nullptr) return 0;
  auto* w = new (std::nothrow) SignalWatch();
  if (w == nullptr) return luaL_error(L, "not enough memory");
  w->k = &kernel::kernel(L);
  w->signum = static_cast<int>(sig);
  sigaction(static_cast<int>(sig), nullptr, &w->previous);
  int err = w->handle.init(uv_signal_init, w->k->loop->uv());
  if (err == 0) {
    w->handle.get()->data = w;
    err = uv_signal_start(w->handle.get(), on_signal, static_cast<int>(sig));
  }
  if (err != 0) {
    delete w;  // (uv::Handle closes what it opened)
    return raise_os_error(L, -err);
  }
  watches[sig] = w;
  return 0;
}

// signal_unwatch(signum)
int l_signal_unwatch(lua_State* L) {
  const auto sig = luaL_checkinteger(L, 1);
  if (sig >= 1 && sig <= kMaxSignal) stop(static_cast<int>(sig));
  return 0;
}

// signal_valid(signum) -> whether a handler may be set for it: 1-64 less
// those the C library keeps for itself (glibc's 32 and 33), as Python's
// signal.valid_signals() answers from sigfillset.
int l_signal_valid(lua_State* L) {
  const auto sig = luaL_checkinteger(L, 1);
  sigset_t all;
  sigfillset(&all);
  lua_pushboolean(L, sig >= 1 && sig <= kMaxSignal && sigismember(&all, static_cast<int>(sig)) == 1);
  return 1;
}

const luaL_Reg signal_funcs[] = {
    {"signal_valid", l_signal_valid},
    {"signal_watch", l_signal_watch},
    {"signal_unwatch", l_signal_unwatch},
    {nullptr, nullptr},
};

}  // namespace

void open_signals_module(lua_State* L) {
  push_runtime_modules(L);
  lua_getfield(L, -1, "luasync.core");
  kernel::register_funcs(L, -1, signal_funcs, 0);
  lua_pop(L, 2);
}

void close_signal_watches() {
  for (int sig = 1; sig <= kMaxSignal; ++sig) stop(sig);
}

}  // namespace luasync::io
