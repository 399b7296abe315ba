// Byte streams on libuv: TCP connections and servers (uv_tcp_t) and Unix
// domain sockets (uv_pipe_t), the transports under asyncio/streams.lua's
// StreamReader, StreamWriter and Server.
//
// libuv's callbacks only record what happened in the Stream (bytes read,
// the end of the stream, an error, a finished connect or write, pending
// connections) and note it (an IoSource: kernel.hpp); when the driver asks
// it to deliver, the stream enqueues one entry, stream_event(stream)
// (streams.lua), which takes what was recorded with stream_take.
//
// Invariants:
// - A stream is anchored in the registry table kRegStreams (pointer ->
//   userdata) exactly while its handle is open, from its creation to its
//   close: libuv's callbacks reach only anchored streams.
// - Bytes given to write stay in memory owned by their request (one
//   malloc'ed block with the uv_write_t) until libuv's write callback.
//   Every request (write, connect, shutdown) is its own block, freed by its
//   callback: a stream closed while one is pending may be collected before
//   libuv calls back with UV_ECANCELED, and that callback touches only its
//   request.
// - Bytes written while writes are in flight gather in one block, `pending`,
//   not yet given to libuv (a request per small write cost ~250 bytes: a
//   million queued writes held 146 MB). It is given to libuv when the
//   writes in flight are done (on_write), when it reaches kPendingFlush, and
//   before a larger write or a shutdown, so the bytes leave in the order
//   written. pending is null while no write is in flight; a close that
//   drops the writes (abort, the handle's close) frees it.
// - close() after writes still in flight waits for them (closing_after_writes)
//   and then closes, as a Python transport flushes its buffer on close().
// - Every open stream is in `open_streams`, which shutdown walks to close
//   their handles before the loop closes.
#include "io/stream.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "io/open_list.hpp"
#include "kernel/boundary.hpp"
#include "kernel/kernel.hpp"
#include "lua/errors.hpp"
#include "lua/runtime_modules.hpp"
#include "uv/handle.hpp"

namespace luasync::io {

namespace {

constexpr const char* kRegStreams = "luasync.streams";
constexpr const char* kStreamMt = "luasync.stream";
constexpr size_t kReadChunk = 65536;
// pending is given to libuv once it holds this much; a write of at least
// this much is a request of its own.
constexpr size_t kPendingFlush = 65536;

struct WriteReq;

struct Stream final : kernel::IoSource {
  kernel::Kernel* k = nullptr;
  uv::Handle<uv_tcp_t> tcp;
  uv::Handle<uv_pipe_t> pipe;
  // A listening socket's watch (stream_listen): libuv's uv_listen would
  // accept by itself, and when out of descriptors (EMFILE) accept and close
  // at once the connections waiting (its "EMFILE trick"), unseen.
  uv::Handle<uv_poll_t> listen_poll;
  bool is_pipe = false;
  bool open = false;
  bool reading = false;
  // Recorded by libuv's callbacks, taken by stream_take.
  std::string inbox;
  bool eof = false;
  int error = 0;             // a libuv error code (negative), or 0
  int connect_status = 1;    // 1: none to report; else a libuv status
  int accepts = 0;           // 1: connections wait for stream_accept
  bool written = false;      // a write finished since the last take
  bool write_failed = false;  // ... and failed: `error` is its status
  bool closed_news = false;  // the handle was closed after its writes
  int writes_in_flight = 0;
  bool close_after_writes = false;
  bool is_fifo = false;        // a pipe of ours (pipe_open), not a socket
  WriteReq* writes = nullptr;  // the write requests in flight, which point back here
  WriteReq* pending = nullptr;  // bytes written after those, not yet given to libuv
  size_t pending_cap = 0;       // the bytes pending's block has room for
  Stream* next_open = nullptr;
  Stream* prev_open = nullptr;

  uv_stream_t* s() const {
    return is_pipe ? reinterpret_cast<uv_stream_t*>(pipe.get()) : reinterpret_cast<uv_stream_t*>(tcp.get());
  }
  void deliver(lua_State* L) override;
};

OpenList<Stream> open_streams;
char read_buffer[kReadChunk];  // the loop thread's: libuv reads into it, read_cb copies out

void note(Stream* st) { kernel::note_io(*st->k, st); }

void anchor(lua_State* L, Stream* st, int ud) { io::anchor(L, kRegStreams, st, ud); }

// A write in flight: the bytes and a way back to the stream, which its
// close cuts (forget_writes): libuv may still call back for a write of a
// closed stream (with UV_ECANCELED, or its own status when the write had
// completed but its callback was deferred), after the stream was collected.
struct WriteReq {
  uv_write_t req;
  Stream* st;
  WriteReq* next;
  WriteReq* prev;
  size_t len;
  char data[1];
};

void forget_writes(Stream* st) {
  for (WriteReq* w = st->writes; w != nullptr; w = w->next) w->st = nullptr;
  st->writes = nullptr;
  std::free(st->pending);
  st->pending = nullptr;
  st->pending_cap = 0;
}

// The bytes written and not yet taken by the system (CPython's
// get_write_buffer_size): libuv's queue and pending.
size_t queued_size(Stream* st) {
  return uv_stream_get_write_queue_size(st->s()) + (st->pending ? st->pending->len : 0);
}

// Closes the handle now (pending writes are cancelled by libuv). The anchor
// goes at the next take or at shutdown: a stream may still have news.
void close_now(Stream* st) {
  if (!st->open) return;
  forget_writes(st);
  st->open = false;
  st->reading = false;
  st->listen_poll.close();  // (before the descriptor it watches)
  if (st->is_pipe) {
    st->pipe.close();
  } else {
    st->tcp.close();
  }
  open_streams.remove(st);
}

void on_alloc(uv_handle_t*, size_t, uv_buf_t* buf) { *buf = uv_buf_init(read_buffer, sizeof read_buffer); }

void on_read(uv_stream_t* handle, ssize_t n, const uv_buf_t*) {
  auto* st = static_cast<Stream*>(handle->data);
  if (n > 0) {
    try {
      st->inbox.append(read_buffer, static_cast<size_t>(n));
    } catch (...) {
      st->error = UV_ENOMEM;
      uv_read_stop(handle);
      st->reading = false;
    }
  } else if (n == UV_EOF) {
    st->eof = true;
    uv_read_stop(handle);
    st->reading = false;
  } else if (n < 0) {
    st->error = static_cast<int>(n);
    uv_read_stop(handle);
    st->reading = false;
  } else {
    return;  // 0: nothing read (EAGAIN)
  }
  note(st);
}

void on_connect(uv_connect_t* req, int status) {
  auto* st = static_cast<Stream*>(req->data);
  std::free(req);
  if (status == UV_ECANCELED) return;  // closed meanwhile
  st->connect_status = status;
  note(st);
}

// A listening socket is readable: connections wait, which Lua accepts
// (stream_accept). A poll that fails (status < 0: POLLERR) libuv has
// stopped; the error tells Lua, which tries an accept as a selector loop
// would and watches again (Server:_watch_failed in streams.lua).
void on_listen_ready(uv_poll_t* poll, int status, int) {
  auto* st = static_cast<Stream*>(poll->data);
  if (status < 0) {
    st->error = status;
  } else {
    st->accepts = 1;
  }
  note(st);
}

void on_write(uv_write_t* req, int status);

// Gives w (its st and len set) to libuv, behind the writes in flight;
// a libuv error, or 0. On an error w is freed.
int submit_write(Stream* st, WriteReq* w) {
  uv_buf_t buf = uv_buf_init(w->data, static_cast<unsigned>(w->len));
  int err = uv_write(&w->req, st->s(), &buf, 1, on_write);
  if (err != 0) {
    std::free(w);
    return err;
  }
  st->writes_in_flight++;
  w->prev = nullptr;
  w->next = st->writes;
  if (st->writes) st->writes->prev = w;
  st->writes = w;
  return 0;
}

// Gives pending to libuv; a libuv error, or 0.
int flush_pending(Stream* st) {
  WriteReq* w = st->pending;
  if (w == nullptr) return 0;
  st->pending = nullptr;
  st->pending_cap = 0;
  return submit_write(st, w);
}

void on_write(uv_write_t* req, int status) {
  auto* w = reinterpret_cast<WriteReq*>(reinterpret_cast<char*>(req) - offsetof(WriteReq, req));
  Stream* st = w->st;
  if (st != nullptr) {
    if (w->prev) w->prev->next = w->next;
    if (w->next) w->next->prev = w->prev;
    if (st->writes == w) st->writes = w->next;
  }
  std::free(w);
  if (st == nullptr) return;  // the stream closed meanwhile: it may be gone
  st->writes_in_flight--;
  // After a failed write the bytes behind it cannot arrive either: they go,
  // as libuv cancels the requests it still holds.
  if (status == 0 && st->writes_in_flight == 0) status = flush_pending(st);
  if (status < 0) {
    std::free(st->pending);
    st->pending = nullptr;
    st->pending_cap = 0;
  }
  if (status < 0 && st->error == 0) {
    st->error = status;
    st->write_failed = true;
  }
  st->written = true;
  if (st->close_after_writes && st->writes_in_flight == 0) {
    close_now(st);
    st->closed_news = true;
  }
  note(st);
}

void on_shutdown(uv_shutdown_t* req, int status) {
  auto* st = static_cast<Stream*>(req->data);
  std::free(req);
  if (status == UV_ECANCELED) return;
  if (status < 0 && st->error == 0) {
    st->error = status;
    note(st);
  }
}

// The entry is stream_event(stream, data): when bytes read are all there is
// to report -- the common case -- they come with it, and stream_event need
// not call stream_take.
void Stream::deliver(lua_State* L) {
  kernel::push_lua_fn(L, kernel::LuaFn::StreamEvent);
  lua_getfield(L, LUA_REGISTRYINDEX, kRegStreams);
  lua_rawgetp(L, -1, this);
  lua_remove(L, -2);
  const bool only_data = !eof && error == 0 && connect_status == 1 && accepts == 0 && !written && !closed_news;
  const bool with_data = only_data && !inbox.empty();
  if (with_data) {
    lua_pushlstring(L, inbox.data(), inbox.size());
  } else {
    lua_pushnil(L);
  }
  // Either may raise (memory): the bytes stay in the inbox, for the next
  // delivery.
  kernel::enqueue(L);
  if (with_data) {
    // A small inbox keeps its capacity for the next read; one a burst grew
    // gives its memory back.
    if (inbox.capacity() <= sizeof read_buffer) {
      inbox.clear();
    } else {
      std::string().swap(inbox);
    }
  }
}

// The streams' metatable (its identity: comparing it costs a fraction of
// luaL_checkudata's registry lookup by name). One Lua state per loop thread.
thread_local const void* stream_mt = nullptr;

Stream* check_stream(lua_State* L, int i) {
  void* p = lua_touserdata(L, i);
  if (p != nullptr && lua_getmetatable(L, i)) {
    const bool ok = lua_topointer(L, -1) == stream_mt;
    lua_pop(L, 1);
    if (ok) return static_cast<Stream*>(p);
  }
  return static_cast<Stream*>(luaL_checkudata(L, i, kStreamMt));  // raises its usual error
}

Stream* open_stream(lua_State* L, Stream* st) {
  if (!st->open) raise_error(L, "OSError", "the stream is closed");
  return st;
}

// [-0, +1] A new stream of either kind, anchored, its handle initialised.
Stream* new_stream(lua_State* L, bool is_pipe) {
  kernel::check_loop_open(L);
  void* mem = lua_newuserdatauv(L, sizeof(Stream), 0);
  auto* st = new (mem) Stream();
  st->k = &kernel::kernel(L);
  st->is_pipe = is_pipe;
  luaL_setmetatable(L, kStreamMt);
  const int ud = lua_gettop(L);
  anchor(L, st, ud);  // may raise (memory): nothing is open yet
  uv_loop_t* loop = st->k->loop->uv();
  int err = is_pipe ? st->pipe.init(uv_pipe_init, loop, 0) : st->tcp.init(uv_tcp_init, loop);
  if (err != 0) {
    anchor(L, st, 0);
    raise_os_error(L, -err);
  }
  // TCP_NODELAY, as CPython's transports set it (base_events._set_nodelay):
  // libuv applies it when the socket is opened (connect, accept). Without
  // it a reply written in two pieces waits for the peer's delayed ACK, about
  // 40 ms a round trip.
  if (!is_pipe) uv_tcp_nodelay(st->tcp.get(), 1);
  st->s()->data = st;
  st->open = true;
  open_streams.add(st);
  return st;
}

// [-0, +0] Raises the OSError of a failed libuv call on st, closing it.
int fail(lua_State* L, Stream* st, int err) {
  close_now(st);
  anchor(L, st, 0);
  return raise_os_error(L, -err);
}

// tcp_connect(ip, port) -> stream; the connect's outcome comes as an event.
int l_tcp_connect(lua_State* L) {
  const char* ip = check_c_string(L, 1, kNulCharacter);
  const int port = static_cast<int>(luaL_checkinteger(L, 2));
  sockaddr_storage addr{};
  int err = uv_ip4_addr(ip, port, reinterpret_cast<sockaddr_in*>(&addr));
  if (err != 0) err = uv_ip6_addr(ip, port, reinterpret_cast<sockaddr_in6*>(&addr));
  if (err != 0) return raise_os_error(L, -err);
  Stream* st = new_stream(L, false);
  auto* req = static_cast<uv_connect_t*>(std::malloc(sizeof(uv_connect_t)));
  if (req == nullptr) return fail(L, st, UV_ENOMEM);
  req->data = st;
  err = uv_tcp_connect(req, st->tcp.get(), reinterpret_cast<sockaddr*>(&addr), on_connect);
  if (err != 0) {
    std::free(req);
    return fail(L, st, err);
  }
  return 1;
}

// pipe_connect(path) -> stream (a Unix domain socket).
int l_pipe_connect(lua_State* L) {
  const char* path = check_c_string(L, 1, kNulByte);
  Stream* st = new_stream(L, true);
  auto* req = static_cast<uv_connect_t*>(std::malloc(sizeof(uv_connect_t)));
  if (req == nullptr) return fail(L, st, UV_ENOMEM);
  req->data = st;
  uv_pipe_connect(req, st->pipe.get(), path, on_connect);
  return 1;
}

// tcp_bind(ip, port) -> server stream, bound and not yet listening
// (stream_listen); raises OSError. The socket is made and bound here, as
// CPython's create_server makes it, not by uv_tcp_bind: libuv defers
// EADDRINUSE to uv_listen, and CPython reports it at bind (a server made
// with start_serving=false raises there too). As CPython's: SO_REUSEADDR,
// and an IPv6 socket takes only IPv6 (IPV6_V6ONLY), so "::" and "0.0.0.0"
// may share a port.
int l_tcp_bind(lua_State* L) {
  const char* ip = check_c_string(L, 1, kNulCharacter);
  const int port = static_cast<int>(luaL_checkinteger(L, 2));
  sockaddr_storage addr{};
  socklen_t addr_len = sizeof(sockaddr_in);
  int err = uv_ip4_addr(ip, port, reinterpret_cast<sockaddr_in*>(&addr));
  if (err != 0) {
    err = uv_ip6_addr(ip, port, reinterpret_cast<sockaddr_in6*>(&addr));
    addr_len = sizeof(sockaddr_in6);
  }
  if (err != 0) return raise_os_error(L, -err);
  Stream* st = new_stream(L, false);
  const int fd = ::socket(addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return fail(L, st, -errno);
  const int on = 1;
  if (::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0 ||
      (addr.ss_family == AF_INET6 && ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on) != 0) ||
      ::bind(fd, reinterpret_cast<sockaddr*>(&addr), addr_len) != 0) {
    const int e = errno;
    ::close(fd);
    return fail(L, st, -e);
  }
  err = uv_tcp_open(st->tcp.get(), fd);
  if (err != 0) {
    ::close(fd);  // (uv_tcp_open took it only when it succeeded)
    return fail(L, st, err);
  }
  return 1;
}

// pipe_bind(path) -> server stream, not yet listening (stream_listen),
// device, inode of the socket file; raises OSError. The socket is bound
// here, not by uv_pipe_bind: libuv 1.44 reports a missing directory as
// EACCES and unlinks the path when the server closes, whatever file is there
// by then. As CPython's create_unix_server, a socket file left at the path
// (by a program that ended without closing its server) is removed first;
// the Lua side unlinks the path at close only if it is still this socket
// (pipe_unlink). Nothing touches the file system before new_stream checked
// that the loop is open.
int l_pipe_bind(lua_State* L) {
  size_t len = 0;
  const char* path = luaL_checklstring(L, 1, &len);
  refuse_nul(L, 1, kNulByte);
  sockaddr_un addr{};
  if (len == 0 || len >= sizeof addr.sun_path) return raise_os_error(L, len == 0 ? ENOENT : ENAMETOOLONG);
  std::memcpy(addr.sun_path, path, len);
  addr.sun_family = AF_UNIX;
  Stream* st = new_stream(L, true);
  struct stat sb {};
  if (::lstat(path, &sb) == 0 && S_ISSOCK(sb.st_mode)) ::unlink(path);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return fail(L, st, -errno);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::lstat(path, &sb) != 0) {
    const int e = errno;
    ::close(fd);
    return fail(L, st, -e);
  }
  int err = uv_pipe_open(st->pipe.get(), fd);
  if (err != 0) {
    ::close(fd);  // (uv_pipe_open took it only when it succeeded)
    ::unlink(path);
    return fail(L, st, err);
  }
  lua_pushinteger(L, static_cast<lua_Integer>(sb.st_dev));
  lua_pushinteger(L, static_cast<lua_Integer>(sb.st_ino));
  return 3;
}

// stream_listen(server, backlog): starts listening on a bound server stream
// (Server:start_serving) and watching it for connections; raises OSError.
// The accepting is Lua's (stream_accept), as CPython's selector loop
// accepts, so that a connection the system has no descriptor for waits in
// the backlog (CPython's pause of ACCEPT_RETRY_DELAY) instead of being
// dropped by libuv.
int l_stream_listen(lua_State* L) {
  Stream* st = open_stream(L, check_stream(L, 1));
  const int backlog = static_cast<int>(luaL_checkinteger(L, 2));
  uv_os_fd_t fd;
  int err = uv_fileno(reinterpret_cast<uv_handle_t*>(st->s()), &fd);
  if (err != 0) return raise_os_error(L, -err);
  if (::listen(fd, backlog) != 0) return raise_os_error(L, errno);
  err = st->listen_poll.init(uv_poll_init, st->k->loop->uv(), fd);
  if (err == 0) {
    st->listen_poll.get()->data = st;
    err = uv_poll_start(st->listen_poll.get(), UV_READABLE, on_listen_ready);
  }
  if (err != 0) {
    st->listen_poll.close();
    return raise_os_error(L, -err);
  }
  return 0;
}

// stream_accepting(server, on): pauses or resumes the watch of a listening
// stream (CPython's pause after EMFILE); nothing once it is closed.
int l_stream_accepting(lua_State* L) {
  Stream* st = check_stream(L, 1);
  const bool on = lua_toboolean(L, 2);
  if (!st->open || !st->listen_poll) return 0;
  int err =
      on ? uv_poll_start(st->listen_poll.get(), UV_READABLE, on_listen_ready) : uv_poll_stop(st->listen_poll.get());
  if (err != 0) return raise_os_error(L, -err);
  if (!on) st->accepts = 0;
  return 0;
}

// pipe_unlink(path, device, inode): removes the socket file a server bound,
// if the path still names it (not a file someone put there since).
int l_pipe_unlink(lua_State* L) {
  const char* path = check_c_string(L, 1, kNulByte);
  const lua_Integer dev = luaL_checkinteger(L, 2);
  const lua_Integer ino = luaL_checkinteger(L, 3);
  struct stat sb {};
  if (::lstat(path, &sb) == 0 && static_cast<lua_Integer>(sb.st_dev) == dev &&
      static_cast<lua_Integer>(sb.st_ino) == ino) {
    ::unlink(path);
  }
  return 0;
}

// pipe_open(fd) -> stream over a descriptor we own (a subprocess's pipe);
// the stream closes it. On failure fd is closed and OSError raised.
int l_pipe_open(lua_State* L) {
  const int fd = static_cast<int>(luaL_checkinteger(L, 1));
  Stream* st = new_stream(L, true);
  st->is_fifo = true;
  int err = uv_pipe_open(st->pipe.get(), fd);
  if (err != 0) {
    ::close(fd);
    return fail(L, st, err);
  }
  return 1;
}

// stream_accept(server) -> stream; nil when no connection waits (EAGAIN,
// or one aborted: CPython's accept loop stops there); nil, errno when the
// accept failed (EMFILE...): the connection still waits.
int l_stream_accept(lua_State* L) {
  Stream* server = open_stream(L, check_stream(L, 1));
  uv_os_fd_t listen_fd;
  int err = uv_fileno(reinterpret_cast<uv_handle_t*>(server->s()), &listen_fd);
  if (err != 0) return raise_os_error(L, -err);
  // (Made first: it may raise, and takes no descriptor.)
  Stream* st = new_stream(L, server->is_pipe);
  int fd;
  do {
    fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    err = -errno;
  } else {
    err = server->is_pipe ? uv_pipe_open(st->pipe.get(), fd) : uv_tcp_open(st->tcp.get(), fd);
    if (err != 0) ::close(fd);  // (taken only when it succeeded)
  }
  if (err != 0) {
    close_now(st);
    anchor(L, st, 0);
    lua_pushnil(L);
    if (err == UV_EAGAIN || err == UV_ECONNABORTED) return 1;
    lua_pushinteger(L, -err);
    return 2;
  }
  return 1;
}

// stream_take(stream) -> data|nil, eof, error (errno, 0 for none),
// connect status (nil: none; 0: connected; errno), accepts (1: connections
// wait), written, closed
int l_stream_take(lua_State* L) {
  Stream* st = check_stream(L, 1);
  if (st->inbox.empty()) {
    lua_pushnil(L);
  } else {
    lua_pushlstring(L, st->inbox.data(), st->inbox.size());
    std::string().swap(st->inbox);
  }
  lua_pushboolean(L, st->eof);
  st->eof = false;
  lua_pushinteger(L, -st->error);
  st->error = 0;
  if (st->connect_status == 1) {
    lua_pushnil(L);
  } else {
    lua_pushinteger(L, -st->connect_status);
    st->connect_status = 1;
  }
  lua_pushinteger(L, st->accepts);
  st->accepts = 0;
  lua_pushboolean(L, st->written);
  st->written = false;
  st->write_failed = false;
  lua_pushboolean(L, st->closed_news);
  if (st->closed_news) anchor(L, st, 0);
  st->closed_news = false;
  return 7;
}

// stream_read(stream, on): starts or stops reading (flow control).
int l_stream_read(lua_State* L) {
  Stream* st = check_stream(L, 1);
  const bool on = lua_toboolean(L, 2);
  if (!st->open || on == st->reading) return 0;
  int err = on ? uv_read_start(st->s(), on_alloc, on_read) : uv_read_stop(st->s());
  if (err != 0) return raise_os_error(L, -err);
  st->reading = on;
  return 0;
}

// stream_write(stream, data) -> bytes still queued[, errno]. What the
// kernel takes at once is written at once (uv_try_write); the rest is
// queued. A write that fails at once (EPIPE: the reader went away) answers
// its errno to the caller, which closes the transport as CPython's write()
// does, rather than as an event one iteration later. false: the stream is
// closed (after the writes a close waited for: its `closed` event, the
// connection lost, is on its way), and data is not written.
int l_stream_write(lua_State* L) {
  Stream* st = check_stream(L, 1);
  size_t len;
  const char* data = luaL_checklstring(L, 2, &len);
  if (!st->open) {
    lua_pushboolean(L, 0);
    return 1;
  }
  luaL_argcheck(L, len < (1u << 31), 2, "too long for one write (2 GiB)");
  if (len == 0) {
    lua_pushinteger(L, static_cast<lua_Integer>(queued_size(st)));
    return 1;
  }
  int failed = 0;  // a libuv error of this write
  if (st->writes_in_flight == 0) {
    uv_buf_t buf = uv_buf_init(const_cast<char*>(data), static_cast<unsigned>(len));
    int n = uv_try_write(st->s(), &buf, 1);
    if (n > 0) {
      data += n;
      len -= static_cast<size_t>(n);
    } else if (n != UV_EAGAIN && n != UV_ENOSYS) {
      failed = n;
      len = 0;
    }
  }
  if (len > 0 && st->writes_in_flight > 0 && len < kPendingFlush) {
    const size_t have = st->pending ? st->pending->len : 0;
    if (have + len > st->pending_cap) {
      const size_t cap = std::max({have + len, 2 * st->pending_cap, size_t{4096}});
      auto* w = static_cast<WriteReq*>(std::realloc(st->pending, offsetof(WriteReq, data) + cap));
      if (w == nullptr) return luaL_error(L, "not enough memory");
      if (st->pending == nullptr) {
        w->st = st;
        w->len = 0;
      }
      st->pending = w;
      st->pending_cap = cap;
    }
    std::memcpy(st->pending->data + have, data, len);
    st->pending->len = have + len;
    if (st->pending->len >= kPendingFlush) failed = flush_pending(st);
  } else if (len > 0) {
    auto* w = static_cast<WriteReq*>(std::malloc(offsetof(WriteReq, data) + len));
    if (w == nullptr) return luaL_error(L, "not enough memory");
    w->st = st;
    w->len = len;
    std::memcpy(w->data, data, len);
    failed = flush_pending(st);
    if (failed == 0) {
      failed = submit_write(st, w);
    } else {
      std::free(w);
    }
  }
  lua_pushinteger(L, static_cast<lua_Integer>(queued_size(st)));
  if (failed == 0) return 1;
  lua_pushinteger(L, -failed);
  return 2;
}

// stream_write_size(stream) -> bytes queued for writing.
int l_stream_write_size(lua_State* L) {
  Stream* st = check_stream(L, 1);
  lua_pushinteger(L, st->open ? static_cast<lua_Integer>(queued_size(st)) : 0);
  return 1;
}

// stream_shutdown(stream): the end of what we write (write_eof), after the
// writes queued.
int l_stream_shutdown(lua_State* L) {
  Stream* st = open_stream(L, check_stream(L, 1));
  // Nothing queued: shut down now, as CPython's write_eof does (libuv's
  // uv_shutdown waits for the socket to be writable first: the peer would
  // see the end one loop iteration later).
  uv_os_fd_t fd;
  if (st->writes_in_flight == 0 && uv_fileno(reinterpret_cast<uv_handle_t*>(st->s()), &fd) == 0) {
    if (::shutdown(fd, SHUT_WR) != 0 && errno != ENOTCONN) return raise_os_error(L, errno);
    return 0;
  }
  // (libuv's shutdown waits for the requests it holds: pending joins them)
  int failed = flush_pending(st);
  if (failed != 0) return raise_os_error(L, -failed);
  auto* req = static_cast<uv_shutdown_t*>(std::malloc(sizeof(uv_shutdown_t)));
  if (req == nullptr) return luaL_error(L, "not enough memory");
  req->data = st;
  int err = uv_shutdown(req, st->s(), on_shutdown);
  if (err != 0) {
    std::free(req);
    return raise_os_error(L, -err);
  }
  return 0;
}

// stream_close(stream[, abort]) -> true when closed now, false when it
// closes after the writes in flight (a `closed` event follows), or when a
// write failed and its error is not yet taken (its event follows, and
// closes the stream with that error: CPython's transport reports a write's
// error however it was closing). abort (after an error, or the transport's
// abort()) drops them, as CPython's _force_close drops its buffer: libuv
// calls their callbacks with UV_ECANCELED, which touch only their requests.
// The socket is closed plainly (not uv_tcp_close_reset), as CPython's.
int l_stream_close(lua_State* L) {
  Stream* st = check_stream(L, 1);
  if (!st->open) {
    lua_pushboolean(L, 1);
    return 1;
  }
  if ((st->writes_in_flight > 0 || st->write_failed) && !lua_toboolean(L, 2)) {
    if (st->reading) uv_read_stop(st->s());
    st->reading = false;
    st->close_after_writes = true;
    lua_pushboolean(L, 0);
    return 1;
  }
  kernel::unnote_io(*st->k, st);
  close_now(st);
  anchor(L, st, 0);
  lua_pushboolean(L, 1);
  return 1;
}

// [-0, +2] host, port of a socket address (nil, nil for another family).
void push_addr(lua_State* L, const sockaddr_storage& addr) {
  char host[64] = {0};
  if (addr.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    uv_ip4_name(a, host, sizeof host);
    lua_pushstring(L, host);
    lua_pushinteger(L, ntohs(a->sin_port));
  } else if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    uv_ip6_name(a, host, sizeof host);
    lua_pushstring(L, host);
    lua_pushinteger(L, ntohs(a->sin6_port));
  } else {
    lua_pushnil(L);
    lua_pushnil(L);
  }
}

// stream_name(stream, "sockname"|"peername") -> host, port (TCP) or path
// (Unix), or nil.
int l_stream_name(lua_State* L) {
  Stream* st = check_stream(L, 1);
  const bool peer = std::strcmp(luaL_checkstring(L, 2), "peername") == 0;
  if (!st->open) return 0;
  if (st->is_pipe) {
    char path[1024];
    size_t len = sizeof path;
    int err = peer ? uv_pipe_getpeername(st->pipe.get(), path, &len) : uv_pipe_getsockname(st->pipe.get(), path, &len);
    if (err != 0) return 0;
    lua_pushlstring(L, path, len);
    return 1;
  }
  sockaddr_storage addr{};
  int len = sizeof addr;
  int err = peer ? uv_tcp_getpeername(st->tcp.get(), reinterpret_cast<sockaddr*>(&addr), &len)
                 : uv_tcp_getsockname(st->tcp.get(), reinterpret_cast<sockaddr*>(&addr), &len);
  if (err != 0) return 0;
  push_addr(L, addr);
  return 2;
}

// stream_socket(stream) -> fd, family, type, proto of its socket (what
// Python's TransportSocket repr shows), or nothing once closed.
int l_stream_socket(lua_State* L) {
  Stream* st = check_stream(L, 1);
  uv_os_fd_t fd = -1;
  if (!st->open || uv_fileno(reinterpret_cast<uv_handle_t*>(st->s()), &fd) != 0) return 0;
  lua_pushinteger(L, fd);
  for (const int opt : {SO_DOMAIN, SO_TYPE, SO_PROTOCOL}) {
    int value = 0;
    socklen_t len = sizeof value;
    if (::getsockopt(fd, SOL_SOCKET, opt, &value, &len) != 0) value = -1;
    lua_pushinteger(L, value);
  }
  return 4;
}

int l_stream_gc(lua_State* L) {
  Stream* st = check_stream(L, 1);
  kernel::unnote_io(*st->k, st);
  close_now(st);
  st->~Stream();
  return 0;
}

// ---------------------------------------------------------------------------
// getaddrinfo(host, port) -> request; its outcome comes as addrinfo_done(req).

constexpr const char* kAddrinfoMt = "luasync.addrinfo";

struct Lookup final : kernel::IoSource {
  kernel::Kernel* k = nullptr;
  Lookup* next_open = nullptr;  // in `lookups` while pending
  Lookup* prev_open = nullptr;
  uv_getaddrinfo_t* req = nullptr;  // its own block, which on_addrinfo frees
  bool pending = false;
  int status = 0;
  addrinfo* result = nullptr;
  void deliver(lua_State* L) override {
    kernel::push_lua_fn(L, kernel::LuaFn::AddrinfoDone);
    lua_getfield(L, LUA_REGISTRYINDEX, kRegStreams);
    lua_rawgetp(L, -1, this);
    lua_remove(L, -2);
    lua_pushnil(L);
    kernel::enqueue(L);
  }
};

OpenList<Lookup> lookups;

void on_addrinfo(uv_getaddrinfo_t* req, int status, addrinfo* res) {
  auto* lk = static_cast<Lookup*>(req->data);
  std::free(req);
  if (lk == nullptr) {  // its userdata went: nobody waits
    if (res) uv_freeaddrinfo(res);
    return;
  }
  lk->req = nullptr;
  lk->pending = false;
  lookups.remove(lk);
  lk->status = status;
  lk->result = res;
  kernel::note_io(*lk->k, lk);
}

int l_getaddrinfo(lua_State* L) {
  const char* host = opt_c_string(L, 1, kNulCharacter);
  const char* port = opt_c_string(L, 2, kNulCharacter);
  const bool passive = lua_toboolean(L, 3);
  kernel::check_loop_open(L);
  void* mem = lua_newuserdatauv(L, sizeof(Lookup), 0);
  auto* lk = new (mem) Lookup();
  lk->k = &kernel::kernel(L);
  luaL_setmetatable(L, kAddrinfoMt);
  lua_getfield(L, LUA_REGISTRYINDEX, kRegStreams);
  lua_pushvalue(L, -2);
  lua_rawsetp(L, -2, lk);
  lua_pop(L, 1);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = passive ? AI_PASSIVE : 0;
  lk->req = static_cast<uv_getaddrinfo_t*>(std::malloc(sizeof(uv_getaddrinfo_t)));
  if (lk->req == nullptr) {
    lua_getfield(L, LUA_REGISTRYINDEX, kRegStreams);
    lua_pushnil(L);
    lua_rawsetp(L, -2, lk);
    return luaL_error(L, "not enough memory");
  }
  lk->req->data = lk;
  int err = uv_getaddrinfo(lk->k->loop->uv(), lk->req, on_addrinfo, host, port, &hints);
  if (err != 0) {
    std::free(lk->req);
    lk->req = nullptr;
    lua_getfield(L, LUA_REGISTRYINDEX, kRegStreams);
    lua_pushnil(L);
    lua_rawsetp(L, -2, lk);
    return raise_os_error(L, -err);
  }
  lk->pending = true;
  lookups.add(lk);
  return 1;
}

// addrinfo_take(req) -> list of {host, port, family = "inet"|"inet6"}, or
// nil, the error's name ("EAI_NONAME") and text.
int l_addrinfo_take(lua_State* L) {
  auto* lk = static_cast<Lookup*>(luaL_checkudata(L, 1, kAddrinfoMt));
  lua_getfield(L, LUA_REGISTRYINDEX, kRegStreams);
  lua_pushnil(L);
  lua_rawsetp(L, -2, lk);
  lua_pop(L, 1);
  if (lk->status != 0) {
    lua_pushnil(L);
    lua_pushstring(L, uv_err_name(lk->status));
    lua_pushstring(L, uv_strerror(lk->status));
    return 3;
  }
  lua_newtable(L);
  int i = 0;
  for (addrinfo* ai = lk->result; ai != nullptr; ai = ai->ai_next) {
    if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6) continue;
    sockaddr_storage addr{};
    std::memcpy(&addr, ai->ai_addr, ai->ai_addrlen);
    lua_createtable(L, 2, 1);
    push_addr(L, addr);
    lua_rawseti(L, -3, 2);
    lua_rawseti(L, -2, 1);
    lua_pushstring(L, ai->ai_family == AF_INET ? "inet" : "inet6");
    lua_setfield(L, -2, "family");
    lua_rawseti(L, -2, ++i);
  }
  if (lk->result) uv_freeaddrinfo(lk->result);
  lk->result = nullptr;
  return 1;
}

// ip_family(host) -> "inet" | "inet6" | nil: whether host is a numeric
// address (inet_pton's rule, as CPython's _ipaddr_info decides), which
// needs no lookup; anything else ("256.1.1.1" too) is a name to resolve.
int l_ip_family(lua_State* L) {
  const char* host = check_c_string(L, 1, kNulCharacter);
  unsigned char addr[sizeof(in6_addr)];
  if (uv_inet_pton(AF_INET, host, addr) == 0) {
    lua_pushliteral(L, "inet");
  } else if (uv_inet_pton(AF_INET6, host, addr) == 0) {
    lua_pushliteral(L, "inet6");
  } else {
    lua_pushnil(L);
  }
  return 1;
}

int l_addrinfo_gc(lua_State* L) {
  auto* lk = static_cast<Lookup*>(luaL_checkudata(L, 1, kAddrinfoMt));
  kernel::unnote_io(*lk->k, lk);
  if (lk->result) uv_freeaddrinfo(lk->result);
  if (lk->pending) {
    // libuv still owns the request: its callback frees it alone.
    lookups.remove(lk);
    lk->req->data = nullptr;
    uv_cancel(reinterpret_cast<uv_req_t*>(lk->req));
  }
  lk->~Lookup();
  return 0;
}

const luaL_Reg stream_funcs[] = {
    {"tcp_connect", l_tcp_connect},
    {"pipe_connect", l_pipe_connect},
    {"tcp_bind", l_tcp_bind},
    {"pipe_bind", l_pipe_bind},
    {"stream_listen", l_stream_listen},
    {"stream_accepting", l_stream_accepting},
    {"pipe_unlink", l_pipe_unlink},
    {"pipe_open", l_pipe_open},
    {"stream_accept", l_stream_accept},
    {"stream_take", l_stream_take},
    {"stream_read", l_stream_read},
    {"stream_write", l_stream_write},
    {"stream_write_size", l_stream_write_size},
    {"stream_shutdown", l_stream_shutdown},
    {"stream_close", l_stream_close},
    {"stream_name", l_stream_name},
    {"stream_socket", l_stream_socket},
    {"getaddrinfo", l_getaddrinfo},
    {"addrinfo_take", l_addrinfo_take},
    {"ip_family", l_ip_family},
    {nullptr, nullptr},
};

}  // namespace

void open_streams_module(lua_State* L) {
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, kRegStreams);
  luaL_newmetatable(L, kStreamMt);
  lua_pushcfunction(L, l_stream_gc);
  lua_setfield(L, -2, "__gc");
  lua_pushliteral(L, "stream");
  lua_setfield(L, -2, "__name");
  stream_mt = lua_topointer(L, -1);
  lua_pop(L, 1);
  luaL_newmetatable(L, kAddrinfoMt);
  lua_pushcfunction(L, l_addrinfo_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  push_runtime_modules(L);
  lua_getfield(L, -1, "luasync.core");
  kernel::register_funcs(L, -1, stream_funcs, 0);
  lua_pop(L, 2);
}

void cancel_lookups() {
  for (Lookup* lk = lookups.first(); lk != nullptr; lk = lk->next_open) {
    if (lk->req) uv_cancel(reinterpret_cast<uv_req_t*>(lk->req));
  }
}

void close_streams(lua_State* L) {
  while (Stream* st = open_streams.first()) {
    kernel::unnote_io(*st->k, st);
    close_now(st);
    if (L) anchor(L, st, 0);
  }
}

}  // namespace luasync::io
