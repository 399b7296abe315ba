// Watching a descriptor the program got from elsewhere (a luasocket socket's
// getfd(), cqueues' pollfd(), a pipe): loop:add_reader and add_writer
// (asyncio/loop.lua) on one uv_poll_t per descriptor, as libuv allows only
// one poll handle per descriptor.
//
// The poll callback only records the events and notes the watch (an
// IoSource: kernel.hpp); the driver then has it deliver one ready entry,
// fd_ready(watch, events) (loop.lua), which runs the reader and the writer
// callbacks as asyncio's selector loop does for a descriptor it found ready.
// Level-triggered: a descriptor that stays readable is delivered again at
// every iteration until its reader reads or goes.
//
// Invariants:
// - A watch is anchored in the registry table kRegFdWatches (pointer ->
//   userdata) exactly while its poll handle is open: from the first
//   set_events that asks for events to the one that asks for none, its
//   __gc, or shutdown (close_fd_watches). So a noted watch is alive when the
//   driver asks it to deliver.
// - Every open watch is in the list `open_watches`, which shutdown walks to
//   close their handles before the loop closes (uv/handle.hpp's rule).
#include "io/fd_watch.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "io/open_list.hpp"
#include "kernel/boundary.hpp"
#include "kernel/kernel.hpp"
#include "lua/errors.hpp"
#include "lua/runtime_modules.hpp"
#include "uv/handle.hpp"

namespace luasync::io {

namespace {

constexpr const char* kRegFdWatches = "luasync.fd_watches";
constexpr const char* kFdWatchMt = "luasync.fd_watch";

struct FdWatch final : kernel::IoSource {
  kernel::Kernel* k = nullptr;
  uv::Handle<uv_poll_t> poll;
  int fd = -1;
  int wanted = 0;  // UV_READABLE | UV_WRITABLE asked for
  int seen = 0;    // events seen since the last delivery
  bool errored = false;  // libuv reported an error, and stopped the poll
  int restart_error = 0;  // the poll could not start again after that (a libuv error): it watches no more
  FdWatch* next_open = nullptr;
  FdWatch* prev_open = nullptr;

  void deliver(lua_State* L) override;
};

OpenList<FdWatch> open_watches;

// Closes the poll handle (its memory goes in libuv's close callback) and
// forgets any event noted but not delivered. Leaves the anchor to the caller.
void close_watch(FdWatch* w) {
  if (!w->poll) return;
  kernel::unnote_io(*w->k, w);
  w->poll.close();
  w->wanted = 0;
  w->seen = 0;
  open_watches.remove(w);
}

void on_poll(uv_poll_t* handle, int status, int events) {
  auto* w = static_cast<FdWatch*>(handle->data);
  // An error (the descriptor went bad) is news for both sides: each
  // callback finds out from its own read or write.
  w->seen |= status < 0 ? w->wanted : events;
  if (status < 0) w->errored = true;
  kernel::note_io(*w->k, w);
}

void anchor(lua_State* L, FdWatch* w, int ud) { io::anchor(L, kRegFdWatches, w, ud); }

// With fd_ready's events: the watch stopped for good (restart_error).
constexpr int kStopped = 16;
static_assert((kStopped & (UV_READABLE | UV_WRITABLE | UV_DISCONNECT | UV_PRIORITIZED)) == 0);

void FdWatch::deliver(lua_State* L) {
  const int events = seen;
  if (!poll || events == 0) return;
  // On an error (POLLERR) libuv stops the poll before it calls back; as a
  // selector keeps reporting such a descriptor, watch it again: the
  // callbacks find out from their own read or write.
  if (errored) {
    errored = false;
    restart_error = uv_poll_start(poll.get(), wanted, on_poll);
  }
  kernel::push_lua_fn(L, kernel::LuaFn::FdReady);
  lua_getfield(L, LUA_REGISTRYINDEX, kRegFdWatches);
  lua_rawgetp(L, -1, this);
  lua_remove(L, -2);
  // (kStopped: fd_ready asks fd_watch_error why, and drops the watch)
  lua_pushinteger(L, events | (restart_error != 0 ? kStopped : 0));
  kernel::enqueue(L);  // may raise (memory): the events stay seen, for the next delivery
  seen = 0;
}

FdWatch* check_watch(lua_State* L, int i) { return static_cast<FdWatch*>(luaL_checkudata(L, i, kFdWatchMt)); }

// fd_watch(fd) -> a watch of fd that asks for no events yet
int l_fd_watch(lua_State* L) {
  lua_Integer fd = luaL_checkinteger(L, 1);
  luaL_argcheck(L, fd >= 0 && fd <= INT32_MAX, 1, "invalid file descriptor");
  kernel::check_loop_open(L);
  void* mem = lua_newuserdatauv(L, sizeof(FdWatch), 0);
  auto* w = new (mem) FdWatch();
  w->k = &kernel::kernel(L);
  w->fd = static_cast<int>(fd);
  luaL_setmetatable(L, kFdWatchMt);
  return 1;
}

// fd_watch_set(watch, readable, writable): asks for these events; none
// closes the poll handle (a later call opens a new one). Raises OSError
// when libuv cannot poll the descriptor (EBADF; EPERM for a regular file).
int l_fd_watch_set(lua_State* L) {
  FdWatch* w = check_watch(L, 1);
  const int wanted = (lua_toboolean(L, 2) ? UV_READABLE : 0) | (lua_toboolean(L, 3) ? UV_WRITABLE : 0);
  if (wanted == 0) {
    close_watch(w);
    anchor(L, w, 0);
    return 0;
  }
  if (!w->poll) kernel::check_loop_open(L);
  // The anchor first: storing it may raise (memory) before anything opens.
  anchor(L, w, 1);
  int err = 0;
  if (!w->poll) {
    err = w->poll.init(uv_poll_init, kernel::kernel(L).loop->uv(), w->fd);
    if (err == 0) {
      w->poll.get()->data = w;
      open_watches.add(w);
    }
  }
  if (err == 0) err = uv_poll_start(w->poll.get(), wanted, on_poll);
  if (err != 0) {
    close_watch(w);
    anchor(L, w, 0);
    return raise_os_error(L, -err);
  }
  w->wanted = wanted;
  w->seen &= wanted;
  w->restart_error = 0;
  return 0;
}

// fd_watch_error(watch) -> errno, its name: why the watch stopped
// (fd_ready's events had kStopped), or nothing.
int l_fd_watch_error(lua_State* L) {
  FdWatch* w = check_watch(L, 1);
  if (w->restart_error == 0) return 0;
  lua_pushinteger(L, -w->restart_error);
  char name[64];
  uv_err_name_r(w->restart_error, name, sizeof name);
  lua_pushstring(L, name);
  return 2;
}

int l_fd_watch_gc(lua_State* L) {
  FdWatch* w = check_watch(L, 1);
  close_watch(w);
  w->~FdWatch();
  return 0;
}

// fd_read(fd, n) -> up to n bytes, "" at end of file, or nil when none are
// there now (EAGAIN); raises OSError. Called when a watch said readable.
int l_fd_read(lua_State* L) {
  const int fd = static_cast<int>(luaL_checkinteger(L, 1));
  const lua_Integer n = luaL_checkinteger(L, 2);
  luaL_argcheck(L, n > 0, 2, "must be positive");
  luaL_Buffer b;
  char* p = luaL_buffinitsize(L, &b, static_cast<size_t>(n));
  ssize_t got;
  do {
    got = ::read(fd, p, static_cast<size_t>(n));
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
    return raise_os_error(L, errno);
  }
  luaL_pushresultsize(&b, static_cast<size_t>(got));
  return 1;
}

// fd_kind(fd) -> "file", "tty", "pipe", "socket", "char" (a character
// device that is not a terminal: /dev/null), "other", or nil, errno name
// for a descriptor that is not open.
int l_fd_kind(lua_State* L) {
  const int fd = static_cast<int>(luaL_checkinteger(L, 1));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    lua_pushnil(L);
    push_os_error(L, errno);
    return 2;
  }
  const char* kind = S_ISREG(st.st_mode)    ? "file"
                     : S_ISFIFO(st.st_mode) ? "pipe"
                     : S_ISSOCK(st.st_mode) ? "socket"
                     : S_ISCHR(st.st_mode)  ? (isatty(fd) ? "tty" : "char")
                                            : "other";
  lua_pushstring(L, kind);
  return 1;
}

// The flags of the standard input before fd_set_nonblocking(0) changed
// them (-1: unchanged): its open file description is shared with the
// shell and with what runs after this program (`{ luasync x.lua; cat; }`),
// which expects it blocking, so exit puts them back (CPython leaves
// O_NONBLOCK behind). Not after a second Ctrl-C, which leaves at once.
int stdin_flags = -1;

void restore_stdin_flags() {
  if (stdin_flags != -1) fcntl(STDIN_FILENO, F_SETFL, stdin_flags);
}

// fd_set_nonblocking(fd): as asyncio's pipe transports do, so a read after
// a spurious readiness cannot block the loop.
int l_fd_set_nonblocking(lua_State* L) {
  const int fd = static_cast<int>(luaL_checkinteger(L, 1));
  const int flags = fcntl(fd, F_GETFL);
  if (flags == -1 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1) return raise_os_error(L, errno);
  if (fd == STDIN_FILENO && (flags & O_NONBLOCK) == 0 && stdin_flags == -1) {
    static const bool registered = std::atexit(restore_stdin_flags) == 0 &&
                                   std::at_quick_exit(restore_stdin_flags) == 0;  // os.exit, kernel/exit.cpp
    (void)registered;
    stdin_flags = flags;
  }
  return 0;
}

// stdin_take_buffered() -> the bytes C stdio's stdin read ahead and has not
// given yet, taken out of it: io.read("l") reads a block (4 KiB from a
// pipe) and keeps the rest of it, so asyncio.stdin(), which reads the
// descriptor, starts with them instead of losing them. "" when there are
// none, or where the C library's buffer cannot be seen (not glibc).
int l_stdin_take_buffered(lua_State* L) {
  std::size_t n = 0;
#ifdef __GLIBC__
  // What gnulib's freadahead counts: the get area's rest, plus, after an
  // ungetc of a byte other than the last one read, the main area's rest
  // that the backup area stands in front of (libio's _IO_IN_BACKUP flag,
  // absent from the public header). None while the stream is writing.
  constexpr int kInBackup = 0x100;
  if (stdin->_IO_write_ptr <= stdin->_IO_write_base) {
    n = static_cast<std::size_t>(stdin->_IO_read_end - stdin->_IO_read_ptr);
    if ((stdin->_flags & kInBackup) != 0) n += static_cast<std::size_t>(stdin->_IO_save_end - stdin->_IO_save_base);
  }
#endif
  if (n == 0) {
    lua_pushliteral(L, "");
    return 1;
  }
  luaL_Buffer b;
  char* p = luaL_buffinitsize(L, &b, n);
  // (exactly what the buffers hold: fread copies it and reads nothing)
  const std::size_t got = std::fread(p, 1, n, stdin);
  luaL_pushresultsize(&b, got);
  return 1;
}

const luaL_Reg fd_watch_funcs[] = {
    {"fd_watch", l_fd_watch},
    {"fd_watch_set", l_fd_watch_set},
    {"fd_watch_error", l_fd_watch_error},
    {"fd_read", l_fd_read},
    {"fd_kind", l_fd_kind},
    {"fd_set_nonblocking", l_fd_set_nonblocking},
    {"stdin_take_buffered", l_stdin_take_buffered},
    {nullptr, nullptr},
};

}  // namespace

void open_fd_watch(lua_State* L) {
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, kRegFdWatches);
  luaL_newmetatable(L, kFdWatchMt);
  lua_pushcfunction(L, l_fd_watch_gc);
  lua_setfield(L, -2, "__gc");
  lua_pushliteral(L, "fd watch");
  lua_setfield(L, -2, "__name");
  lua_pop(L, 1);
  push_runtime_modules(L);
  lua_getfield(L, -1, "luasync.core");
  kernel::register_funcs(L, -1, fd_watch_funcs, 0);
  lua_pop(L, 2);
}

void close_fd_watches(lua_State* L) {
  while (FdWatch* w = open_watches.first()) {
    close_watch(w);
    if (L) anchor(L, w, 0);
  }
}

}  // namespace luasync::io
