// Live inspection (`luasync --inspect`, LUASYNC_INSPECT=1): another process
// asks, through a Unix socket only this user may open, what the tasks are
// doing (`luasync ps PID`, `luasync pstree PID`), as CPython 3.14's
// `python -m asyncio ps|pstree PID`.
//
// A thread of its own accepts the connections, so that an answer comes
// within 100 ms even while a task blocks the loop: it asks the loop (an
// uv_async_t; the loop's Lua side, asyncio/inspect.lua, writes the answer
// between steps) and waits that long for the loop to begin it. Once begun,
// the answer is waited for as long as it takes (up to kAnswerSeconds):
// listing 20,000 tasks takes ~0.2 s, which is no busy loop.
//
// When the loop is busy, a step (or a callback) has run 100 ms without a
// pause. The loop thread publishes which one runs and since when, without
// locks (kernel/entry_watch.hpp), so the thread knows. Then:
// - if the loop thread is running (not waiting in the kernel), the thread
//   sends it kHookSignal, whose handler arms a Lua hook on the running
//   coroutine, as Ctrl-C's does (kernel/interrupt_hook.cpp): at its next
//   VM instruction -- a loop of Lua code that never awaits -- the hook
//   answers from inside the step, with the line it is at and the tasks as
//   they are (on_hook);
// - if the hook does not fire within kHookWaitMs, or the thread waits in
//   the kernel (time.sleep, a read, os.execute), the step is in a C
//   function and the loop cannot run Lua: the thread answers itself
//   (busy_answer.cpp), with the blocking call if the loop thread named one
//   (time.sleep, a read of stdin) and the last snapshot of the tasks (the
//   loop leaves one whenever it answers, and about once a second when it is
//   about to wait: kernel/driver.cpp), saying how old it is, its sleeps
//   counted again and the running task's row saying so.
// The signal goes only to a thread that runs: one waiting in a system call
// is left alone, so no call of the program's is cut short (EINTR) by it.
//
// Who touches what: `mu` guards the request, the answers and the
// snapshots; the loop thread takes requests and gives answers and
// snapshots through the bindings (or from the hook, on the loop thread);
// the socket belongs to the thread. The thread never touches Lua.
#include "diag/inspect.hpp"

#include <pthread.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>
#include <string>
#include <thread>

#include "diag/busy_answer.hpp"
#include "kernel/boundary.hpp"
#include "kernel/entry_watch.hpp"
#include "kernel/interrupt_hook.hpp"
#include "kernel/kernel.hpp"
#include "lua/runtime_modules.hpp"
#include "runtime/clock.hpp"
#include "runtime/loop.hpp"
#include "uv/handle.hpp"

namespace luasync::diag {

namespace {

struct Inspector final : kernel::IoSource {
  kernel::Kernel* k = nullptr;
  uv::Handle<uv_async_t> async;
  int listen_fd = -1;
  std::string path;
  std::thread thread;
  std::mutex mu;
  std::condition_variable answered;
  std::string request;    // "ps" or "pstree" while one waits for the loop
  int columns = 0;        // the width its rows must fit (0: any)
  // The number of the request being served (0: none). The loop names the
  // request it answers, so that an answer or a start that comes after its
  // request was given up on is not taken for the next one's.
  lua_Integer serving = 0;
  lua_Integer last_serial = 0;
  std::string answer;     // the loop's answer to it
  bool has_answer = false;
  bool begun = false;     // the loop's Lua side began the answer
  // The last snapshot the loop gave of each kind (ps, pstree), for a busy
  // loop.
  Snapshot last[2];
  bool stopping = false;
  // What the loop thread runs (it writes, the thread reads: atomics).
  kernel::EntryWatch watch;
  // The loop thread, for the signal and for its state in /proc.
  pthread_t loop_thread{};
  long loop_tid = 0;
  struct sigaction old_action {};
  // (under mu) The request as the loop's Lua side takes it: its kind and
  // width as one string ("ps 60": an entry has two values), copied into
  // plain storage (no C++ object with a destructor may be alive across the
  // Lua calls).
  void request_text(char (&out)[32]) const { std::snprintf(out, sizeof out, "%.8s %d", request.c_str(), columns); }
  void deliver(lua_State* L) override {
    char kind[32] = {};
    lua_Integer serial;
    {
      std::lock_guard lock(mu);
      request_text(kind);
      serial = serving;
    }
    if (serial == 0) return;  // given up on before the loop came to it
    kernel::push_lua_fn(L, kernel::LuaFn::InspectRequest);
    lua_pushstring(L, kind);
    lua_pushinteger(L, serial);
    kernel::enqueue(L);
  }
};

int kind_index(const char* kind) { return std::strcmp(kind, "pstree") == 0 ? 1 : 0; }

Inspector* inspector = nullptr;

// How long an answer the loop began may take.
constexpr int kAnswerSeconds = 30;
// How long the loop has to begin an answer before it is busy, and then how
// long the hook has to fire before the step is taken to be in C.
constexpr int kBeginMs = 100;
constexpr int kHookWaitMs = 150;
// The signal that asks the loop thread for the hook: ignored by default
// and used by nothing else of ours (Go's runtime preempts with it for the
// same reasons).
constexpr int kHookSignal = SIGURG;

// The main Lua state, for the signal's handler (which may only read
// atomics): the hook goes there while no coroutine runs (a callback).
std::atomic<lua_State*> hook_main{nullptr};

void on_hook_signal(int) {
  const int saved = errno;
  if (lua_State* main = hook_main.load()) luasync::arm_inspect_hook(main);
  errno = saved;
}

// Whether kHookSignal still comes to on_hook_signal (the program may have
// taken it: loop:add_signal_handler).
bool hook_signal_ours() {
  struct sigaction now {};
  return sigaction(kHookSignal, nullptr, &now) == 0 && !(now.sa_flags & SA_SIGINFO) && now.sa_handler == on_hook_signal;
}

// The loop thread's state as the kernel sees it: running (or ready to),
// or waiting (in a system call: a sleep, a read, a wait for a child).
ThreadState loop_thread_state(const Inspector* in) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/self/task/%ld/stat", in->loop_tid);
  FILE* f = std::fopen(path, "re");
  if (f == nullptr) return ThreadState::Unknown;
  char buf[512] = {};
  const size_t n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  buf[n] = 0;
  const char* close = std::strrchr(buf, ')');  // the name may hold spaces and parentheses
  if (close == nullptr || close[1] != ' ') return ThreadState::Unknown;
  const char s = close[2];
  return s == 'R' ? ThreadState::Running : (s == 'S' || s == 'D') ? ThreadState::Waiting : ThreadState::Unknown;
}

// The loop's clock now, as the thread can tell it: the monotonic clock, or
// under --clock=virtual the virtual time the running entry began at (it
// does not move while a step blocks; a time.sleep in it moves it at once).
double loop_now(const Inspector* in, const kernel::EntryRecord& r) {
  return in->watch.real_clock ? monotonic_seconds() : r.loop_time;
}
void on_async(uv_async_t* h) {
  auto* in = static_cast<Inspector*>(h->data);
  kernel::note_io(*in->k, in);
}

bool write_all(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    const ssize_t n = ::send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

// The thread: one request per connection ("ps\n" or "pstree\n", or with
// the width its rows must fit: "ps 60\n").
void serve(Inspector* in) {
  for (;;) {
    const int fd = ::accept(in->listen_fd, nullptr, nullptr);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;  // the socket was shut down: the program is leaving
    }
    timeval tv{1, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[64];
    ssize_t n = ::recv(fd, buf, sizeof buf - 1, 0);
    std::string kind = n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
    while (!kind.empty() && (kind.back() == '\n' || kind.back() == '\r')) kind.pop_back();
    int columns = 0;
    if (const size_t space = kind.find(' '); space != std::string::npos) {
      columns = std::clamp(std::atoi(kind.c_str() + space + 1), 0, 10000);
      kind.resize(space);
    }
    if (kind != "ps" && kind != "pstree") {
      write_all(fd, "error: unknown request (ps or pstree)\n");
      ::close(fd);
      continue;
    }
    std::string reply;
    {
      std::unique_lock lock(in->mu);
      if (in->stopping) {
        ::close(fd);
        return;
      }
      in->request = kind;
      in->columns = columns;
      in->serving = ++in->last_serial;
      in->has_answer = false;
      in->begun = false;
      uv_async_send(in->async.get());
      const auto ready = [in] { return in->has_answer || in->begun || in->stopping; };
      in->answered.wait_for(lock, std::chrono::milliseconds(kBeginMs), ready);
      if (!ready()) {
        // Busy. A loop of Lua code answers from the hook.
        const ThreadState state = loop_thread_state(in);
        if (state != ThreadState::Waiting && hook_signal_ours()) {
          pthread_kill(in->loop_thread, kHookSignal);
          in->answered.wait_for(lock, std::chrono::milliseconds(kHookWaitMs), ready);
          if (!ready()) luasync::disarm_inspect_hook();
        }
        if (!ready()) {
          const kernel::EntryRecord running = kernel::read_entry(in->watch);
          try {
            reply = busy_answer(kind.c_str(), columns, running, state, in->last[kind_index(kind.c_str())],
                                monotonic_seconds(), loop_now(in, running));
          } catch (const std::exception&) {
            reply = "the loop is busy (not enough memory to say more)\n";
          }
        }
      }
      if (in->begun && !in->has_answer) {
        in->answered.wait_for(lock, std::chrono::seconds(kAnswerSeconds),
                              [in] { return in->has_answer || in->stopping; });
      }
      if (in->has_answer) {
        reply = in->answer;
      } else if (in->begun) {
        reply =
            "(the loop began listing its tasks but did not finish within " + std::to_string(kAnswerSeconds) + " s)\n";
      }
      in->request.clear();
      in->serving = 0;
    }
    write_all(fd, reply);
    ::close(fd);
  }
}

// inspect_begun(serial): the loop's Lua side took request `serial` and is
// listing the tasks: the loop is not busy, however long the listing takes.
int l_inspect_begun(lua_State* L) {
  const lua_Integer serial = luaL_checkinteger(L, 1);
  if (inspector == nullptr) return 0;
  {
    std::lock_guard lock(inspector->mu);
    if (serial == inspector->serving) inspector->begun = true;
  }
  inspector->answered.notify_all();
  return 0;
}

// inspect_answer(serial, text): the loop's answer to request `serial`.
int l_inspect_answer(lua_State* L) {
  const lua_Integer serial = luaL_checkinteger(L, 1);
  size_t len;
  const char* s = luaL_checklstring(L, 2, &len);
  if (inspector == nullptr) return 0;
  bool ok = true;
  {
    std::lock_guard lock(inspector->mu);
    try {
      if (serial == inspector->serving) inspector->answer.assign(s, len);
    } catch (const std::bad_alloc&) {
      ok = false;
    }
    if (serial == inspector->serving) inspector->has_answer = ok;
  }
  inspector->answered.notify_all();
  if (!ok) return luaL_error(L, "not enough memory");
  return 0;
}

// inspect_snapshot(kind, rows): the tasks as they are now, for an answer
// while the loop is busy (asyncio/inspect.lua's snapshot gives the rows).
int l_inspect_snapshot(lua_State* L) {
  const int i = kind_index(luaL_checkstring(L, 1));
  size_t len;
  const char* s = luaL_checklstring(L, 2, &len);
  if (inspector == nullptr) return 0;
  bool ok = true;
  {
    std::lock_guard lock(inspector->mu);
    try {
      inspector->last[i].rows.assign(s, len);
      inspector->last[i].taken = monotonic_seconds();
    } catch (const std::bad_alloc&) {
      ok = false;
    }
  }
  if (!ok) return luaL_error(L, "not enough memory");
  return 0;
}

const luaL_Reg inspect_funcs[] = {
    {"inspect_begun", l_inspect_begun},
    {"inspect_answer", l_inspect_answer},
    {"inspect_snapshot", l_inspect_snapshot},
    {nullptr, nullptr},
};

// [-0, +0] (the hook, on the loop thread) Calls inspect_request(request,
// serial, what runs, seconds it ran) for request `serial`: a protected
// function, so that nothing raises into the code the hook interrupted.
// Upvalue-free: it finds the Lua function through the registry's copy of
// the kernel's upvalues.
int l_hook_request(lua_State* L) {
  const auto* kind = static_cast<const char*>(lua_touserdata(L, 1));
  const lua_Integer serial = lua_tointeger(L, 2);
  const auto* what = static_cast<const char*>(lua_touserdata(L, 3));
  const lua_Number seconds = lua_tonumber(L, 4);
  lua_settop(L, 0);
  lua_getfield(L, LUA_REGISTRYINDEX, kernel::kRegKernelUpvalues);
  lua_rawgeti(L, 1, kernel::kState);
  lua_rawgeti(L, 2, kernel::kSlotFirstFn + static_cast<int>(kernel::LuaFn::InspectRequest));
  lua_pushstring(L, kind);
  lua_pushinteger(L, serial);
  lua_pushstring(L, what);
  lua_pushnumber(L, seconds);
  lua_call(L, 4, 0);
  return 0;
}

// The hook (kernel/interrupt_hook.cpp), on the loop thread, between two
// instructions of Lua code that has run without a pause: answers the
// request that waits, if one does and nothing began it.
void on_hook(lua_State* L) {
  Inspector* in = inspector;
  if (in == nullptr) return;
  char kind[32] = {};
  lua_Integer serial;
  {
    std::lock_guard lock(in->mu);
    if (in->serving == 0 || in->begun) return;
    in->request_text(kind);
    serial = in->serving;
    in->begun = true;
  }
  in->answered.notify_all();
  // (the loop thread reads what it published: no write is under way)
  const kernel::EntryRecord r = kernel::read_entry(in->watch);
  const char* what = r.kind == kernel::RunningKind::Task       ? "task"
                     : r.kind == kernel::RunningKind::Callback ? "callback"
                                                               : "none";
  // (A hook has LUA_MINSTACK slots; pushing light values never allocates.)
  lua_pushcfunction(L, l_hook_request);
  lua_pushlightuserdata(L, kind);
  lua_pushinteger(L, serial);
  lua_pushlightuserdata(L, const_cast<char*>(what));
  lua_pushnumber(L, monotonic_seconds() - r.started);
  if (lua_pcall(L, 4, 0, 0) == LUA_OK) return;
  lua_pop(L, 1);
  {
    std::lock_guard lock(in->mu);
    if (serial == in->serving && !in->has_answer) {
      try {
        in->answer = "error: the loop could not list its tasks (not enough memory)\n";
      } catch (const std::bad_alloc&) {
        in->answer.clear();
      }
      in->has_answer = true;
    }
  }
  in->answered.notify_all();
}

}  // namespace

std::string socket_path(long pid) {
  const char* dir = std::getenv("XDG_RUNTIME_DIR");
  std::string base = (dir && *dir) ? std::string(dir) : "/tmp/luasync-" + std::to_string(getuid());
  return base + "/luasync-" + std::to_string(pid) + ".sock";
}

void open_inspect_module(lua_State* L) {
  push_runtime_modules(L);
  lua_getfield(L, -1, "luasync.core");
  kernel::register_funcs(L, -1, inspect_funcs, 0);
  lua_pop(L, 2);
}

const char* start_inspector(lua_State* L) {
  if (inspector) return nullptr;
  auto* in = new (std::nothrow) Inspector();
  if (in == nullptr) return "not enough memory";
  in->k = &kernel::kernel(L);
  in->path = socket_path(static_cast<long>(getpid()));
  // The folder: this user's only (XDG_RUNTIME_DIR is already).
  const std::string dir = in->path.substr(0, in->path.rfind('/'));
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    delete in;
    return "cannot make the folder of the inspection socket";
  }
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || st.st_uid != getuid() || (st.st_mode & 077) != 0) {
    delete in;
    return "the folder of the inspection socket is not this user's alone";
  }
  in->listen_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (in->listen_fd < 0 || in->path.size() >= sizeof addr.sun_path) {
    if (in->listen_fd >= 0) ::close(in->listen_fd);
    delete in;
    return "cannot make the inspection socket";
  }
  std::memcpy(addr.sun_path, in->path.c_str(), in->path.size() + 1);
  ::unlink(in->path.c_str());  // one left by a process that had this number
  const mode_t old = ::umask(0177);
  const int bound = ::bind(in->listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::umask(old);
  if (bound != 0 || ::listen(in->listen_fd, 8) != 0 ||
      in->async.init(uv_async_init, in->k->loop->uv(), on_async) != 0) {
    ::close(in->listen_fd);
    ::unlink(in->path.c_str());
    delete in;
    return "cannot listen on the inspection socket";
  }
  in->async.get()->data = in;
  uv_unref(in->async.base());  // it never keeps the program alive
  in->watch.real_clock = in->k->loop->clock().kind() == ClockKind::Real;
  in->loop_thread = pthread_self();
  in->loop_tid = static_cast<long>(::syscall(SYS_gettid));
  hook_main.store(L);
  luasync::set_inspect_hook(on_hook);
  struct sigaction hook_action {};
  hook_action.sa_handler = on_hook_signal;
  hook_action.sa_flags = SA_RESTART;
  sigemptyset(&hook_action.sa_mask);
  sigaction(kHookSignal, &hook_action, &in->old_action);
  // The thread takes no signal (Ctrl-C stays the loop thread's).
  sigset_t all, prev;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &prev);
  try {
    in->thread = std::thread(serve, in);
  } catch (const std::exception&) {
    pthread_sigmask(SIG_SETMASK, &prev, nullptr);
    sigaction(kHookSignal, &in->old_action, nullptr);
    luasync::set_inspect_hook(nullptr);
    hook_main.store(nullptr);
    in->async.close();
    ::close(in->listen_fd);
    ::unlink(in->path.c_str());
    delete in;
    return "cannot start the inspection thread";
  }
  pthread_sigmask(SIG_SETMASK, &prev, nullptr);
  inspector = in;
  in->k->entry_watch = &in->watch;
  kernel::note_timed(*in->k);
  return nullptr;
}

void stop_inspector() {
  Inspector* in = inspector;
  if (in == nullptr) return;
  {
    std::lock_guard lock(in->mu);
    in->stopping = true;
  }
  in->answered.notify_all();
  ::shutdown(in->listen_fd, SHUT_RDWR);  // ends the thread's accept
  if (in->thread.joinable()) in->thread.join();
  sigaction(kHookSignal, &in->old_action, nullptr);
  luasync::disarm_inspect_hook();
  luasync::set_inspect_hook(nullptr);
  hook_main.store(nullptr);
  in->k->entry_watch = nullptr;
  kernel::note_timed(*in->k);
  ::close(in->listen_fd);
  ::unlink(in->path.c_str());
  kernel::unnote_io(*in->k, in);
  in->async.close();
  inspector = nullptr;
  delete in;
}

}  // namespace luasync::diag
