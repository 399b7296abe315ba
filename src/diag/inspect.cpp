// Live inspection (`luasync --inspect`, LUASYNC_INSPECT=1): another process
// asks, through a Unix socket only this user may open, what the tasks are
// doing (`luasync ps PID`, `luasync pstree PID`), as CPython 3.14's
// `python -m asyncio ps|pstree PID`.
//
// A thread of its own accepts the connections, so that an answer comes
// within 100 ms even while a task blocks the loop: it asks the loop (an
// uv_async_t; the loop's Lua side, asyncio/inspect.lua, writes the answer
// between steps) and waits that long for the loop to begin it; when the
// loop is busy it answers with the last state the loop gave, saying so.
// Once begun, the answer is waited for as long as it takes (up to
// kAnswerSeconds): listing 20,000 tasks takes ~0.2 s, which is no busy
// loop.
//
// Who touches what: `mu` guards the request and the answers; the loop
// thread only takes requests and gives answers through the bindings; the
// socket belongs to the thread.
#include "diag/inspect.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
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

#include "kernel/boundary.hpp"
#include "kernel/kernel.hpp"
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
  // The last answer the loop gave of each kind (ps, pstree), for a busy
  // loop, and when (seconds since the epoch; 0: never).
  std::string last[2];
  double last_time[2] = {0, 0};
  bool stopping = false;
  void deliver(lua_State* L) override {
    // The request, copied out under the lock into plain storage: no C++
    // object with a destructor may be alive across the Lua calls. Its kind
    // and width go as one string ("ps 60"): an entry has two values.
    char kind[32] = {};
    lua_Integer serial;
    {
      std::lock_guard lock(mu);
      std::snprintf(kind, sizeof kind, "%.8s %d", request.c_str(), columns);
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
      in->answered.wait_for(lock, std::chrono::milliseconds(100),
                            [in] { return in->has_answer || in->begun || in->stopping; });
      if (in->begun && !in->has_answer) {
        in->answered.wait_for(lock, std::chrono::seconds(kAnswerSeconds),
                              [in] { return in->has_answer || in->stopping; });
      }
      if (in->has_answer) {
        reply = in->answer;
      } else if (in->begun) {
        reply =
            "(the loop began listing its tasks but did not finish within " + std::to_string(kAnswerSeconds) + " s)\n";
      } else {
        // The loop is busy: a step has been running for 100 ms or more.
        reply = "(the loop is busy: a task has been running without a pause for 100 ms or more, so it "
                "cannot answer now";
        const int i = kind_index(kind.c_str());
        if (in->last_time[i] > 0) {
          char when[64];
          const time_t t = static_cast<time_t>(in->last_time[i]);
          tm parts{};
          localtime_r(&t, &parts);
          std::strftime(when, sizeof when, "%H:%M:%S", &parts);
          reply += std::string("; the tasks as they were at ") + when + ", when it last answered)\n" + in->last[i];
        } else {
          reply += "; it has not answered before)\n";
        }
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

// inspect_answer(serial, kind, text): the loop's answer to request
// `serial`, which asked for `kind`.
int l_inspect_answer(lua_State* L) {
  const lua_Integer serial = luaL_checkinteger(L, 1);
  const int i = kind_index(luaL_checkstring(L, 2));
  size_t len;
  const char* s = luaL_checklstring(L, 3, &len);
  if (inspector == nullptr) return 0;
  bool ok = true;
  {
    std::lock_guard lock(inspector->mu);
    try {
      inspector->last[i].assign(s, len);
      if (serial == inspector->serving) inspector->answer.assign(s, len);
    } catch (const std::bad_alloc&) {
      ok = false;
    }
    if (ok) inspector->last_time[i] = static_cast<double>(std::time(nullptr));
    if (serial == inspector->serving) inspector->has_answer = ok;
  }
  inspector->answered.notify_all();
  if (!ok) return luaL_error(L, "not enough memory");
  return 0;
}

const luaL_Reg inspect_funcs[] = {
    {"inspect_begun", l_inspect_begun},
    {"inspect_answer", l_inspect_answer},
    {nullptr, nullptr},
};

}  // namespace

std::string socket_path(long pid) {
  const char* dir = std::getenv("XDG_RUNTIME_DIR");
  std::string base = (dir && *dir) ? std::string(dir) : "/tmp/luasync-" + std::to_string(getuid());
  return base + "/luasync-" + std::to_string(pid) + ".sock";
}

void open_inspect_module(lua_State* L) {
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
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
  // The thread takes no signal (Ctrl-C stays the loop thread's).
  sigset_t all, prev;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &prev);
  try {
    in->thread = std::thread(serve, in);
  } catch (const std::exception&) {
    pthread_sigmask(SIG_SETMASK, &prev, nullptr);
    in->async.close();
    ::close(in->listen_fd);
    ::unlink(in->path.c_str());
    delete in;
    return "cannot start the inspection thread";
  }
  pthread_sigmask(SIG_SETMASK, &prev, nullptr);
  inspector = in;
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
  ::close(in->listen_fd);
  ::unlink(in->path.c_str());
  kernel::unnote_io(*in->k, in);
  in->async.close();
  inspector = nullptr;
  delete in;
}

}  // namespace luasync::diag
