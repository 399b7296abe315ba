// HTTP transfers for luasync.core, under asyncio/http.lua (multi.hpp).
//
// A transfer is a userdata (Transfer, an IoSource). curl's callbacks, run
// from the loop's libuv callbacks, only store what came (the response head,
// body bytes) and note the transfer; its delivery enqueues
// http_event(transfer), and http.lua reads the news with http_head,
// http_take and http_state (and http_peer, where a failed one went).
//
// Invariants:
// - A transfer is anchored in the registry table kRegHttp from http_start
//   until it is stopped or its end was delivered, so a delivery always finds
//   it; its user value is its Multi's userdata, which so outlives it.
// - Its unread body is at most kHighWater bytes plus one write: beyond that
//   the write callback pauses it until the Lua side has taken half.
#include "http/http.hpp"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>

#include "http/multi.hpp"
#include "kernel/boundary.hpp"
#include "kernel/kernel.hpp"
#include "lua/errors.hpp"
#include "lua/runtime_modules.hpp"
#include "runtime/loop.hpp"

namespace luasync::http {

namespace {

// lua-cjson's opener, from Debian's liblua5.4-cjson (a Lua C module with no
// development files), loaded at the first require of luasync.cjson (the
// JSON of asyncio.http) rather than linked: loading it cost every program's
// startup. Its Lua API calls resolve to the Lua of this binary (or of the
// interpreter that loaded the module), whose symbols are global. Null, with
// why, when it cannot be loaded.
// (Loop thread only. A library that could not be opened is tried again
// next time: the cause may pass, as EMFILE does.)
lua_CFunction cjson_opener(const char** why) {
  static lua_CFunction open = nullptr;
  if (open != nullptr) return open;
  void* lib = dlopen("liblua5.4-cjson.so.0", RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) {
    *why = load_failure("liblua5.4-cjson.so.0", "lua-cjson");
    return nullptr;
  }
  // (lib stays loaded for the life of the process: its functions are in
  // the Lua state.)
  open = reinterpret_cast<lua_CFunction>(dlsym(lib, "luaopen_cjson"));
  if (open == nullptr) *why = "liblua5.4-cjson.so.0 cannot be loaded: it has no luaopen_cjson";
  return open;
}

int l_open_cjson(lua_State* L) {
  // Its module keeps a userdata whose finalizer frees its buffers: made in
  // a finalizer of lua_close (the first use of asyncio.http there), it
  // would get none.
  kernel::check_loop_open(L);
  const char* why = nullptr;
  lua_CFunction open = cjson_opener(&why);
  if (open == nullptr) return luaL_error(L, "%s", why);
  return open(L);
}

constexpr const char* kRegHttp = "luasync.http";
constexpr const char* kMultiMt = "luasync.http_multi";
constexpr const char* kTransferMt = "luasync.http_transfer";

// The response head: curl gives it a line at a time, for every response of
// the transfer (1xx first); only the last one is kept. (Redirects are
// followed by http.lua, one transfer a hop: curl follows none.)
size_t on_header(char* buf, size_t size, size_t n, void* ud) {
  auto* t = static_cast<Transfer*>(ud);
  const size_t len = size * n;
  try {
    if (len >= 5 && std::memcmp(buf, "HTTP/", 5) == 0) {
      t->tried_len = 0;  // (a connection worked: on_open_socket)
      t->head.clear();
      t->status = 0;
      t->reason.clear();
      // "HTTP/1.1 404 Not Found\r\n"; HTTP/2 has no reason phrase.
      const char* p = static_cast<const char*>(std::memchr(buf, ' ', len));
      if (p) {
        t->status = std::strtol(p + 1, nullptr, 10);
        const char* end = buf + len;
        const char* r = static_cast<const char*>(std::memchr(p + 1, ' ', static_cast<size_t>(end - p - 1)));
        if (r) {
          ++r;
          const char* e = end;
          while (e > r && (e[-1] == '\r' || e[-1] == '\n')) --e;
          t->reason.assign(r, static_cast<size_t>(e - r));
        }
      }
      return len;
    }
    if (len <= 2 && (buf[0] == '\r' || buf[0] == '\n')) {
      // The end of a head: the final one unless a 1xx.
      if (t->status >= 200 && t->phase == Phase::Connecting) {
        t->phase = Phase::Body;
        t->head_done = true;
        kernel::note_io(*t->k, t);
      }
      return len;
    }
    t->head.append(buf, len);
  } catch (const std::bad_alloc&) {
    return 0;  // curl fails the transfer (CURLE_WRITE_ERROR)
  }
  return len;
}

size_t on_body(char* buf, size_t size, size_t n, void* ud) {
  auto* t = static_cast<Transfer*>(ud);
  const size_t len = size * n;
  const size_t unread = t->body.size() - t->taken;
  if (unread > 0 && unread + len > kHighWater) {
    t->paused = true;  // curl keeps these bytes and gives them again on resume
    return CURL_WRITEFUNC_PAUSE;
  }
  try {
    if (t->taken > 0 && t->taken >= t->body.size() / 2) {
      t->body.erase(0, t->taken);
      t->taken = 0;
    }
    t->body.append(buf, len);
  } catch (const std::bad_alloc&) {
    return 0;
  }
  if (t->phase == Phase::Connecting) {
    t->phase = Phase::Body;
    t->head_done = true;
  }
  kernel::note_io(*t->k, t);
  return len;
}

// curl opens a socket to connect: as its own default does, noting the
// first address tried, which the message of a failed connection names
// (curl's CURLINFO_PRIMARY_IP is empty when no connection was made). A
// response head clears it, so that after a redirect the attempts at the new
// place are noted.
curl_socket_t on_open_socket(void* ud, curlsocktype purpose, curl_sockaddr* a) {
  auto* t = static_cast<Transfer*>(ud);
  if (purpose == CURLSOCKTYPE_IPCXN && t->tried_len == 0 && a->addrlen <= sizeof(t->tried)) {
    std::memcpy(&t->tried, &a->addr, a->addrlen);
    t->tried_len = a->addrlen;
  }
  const curl_socket_t fd =
      socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);  // (not inherited by a child process)
  if (fd < 0) t->socket_errno = errno;
  return fd;
}

// Frees what a transfer out of its Multi holds: its buffers and its easy
// handle (it reads as a transfer that has no head and no address); its
// unread body too unless keep_body. Twice does nothing.
void release(Transfer* t, bool keep_body = false) {
  if (t->easy) curl().easy_cleanup(t->easy);
  t->easy = nullptr;
  curl().slist_free_all(t->headers_out);
  t->headers_out = nullptr;
  if (!keep_body) {
    std::string().swap(t->body);
    t->taken = 0;
  }
  std::string().swap(t->post);
  std::string().swap(t->head);
  t->tried_len = 0;
}

Multi* check_multi(lua_State* L, int i) { return static_cast<Multi*>(luaL_checkudata(L, i, kMultiMt)); }
Transfer* check_transfer(lua_State* L, int i) { return static_cast<Transfer*>(luaL_checkudata(L, i, kTransferMt)); }

// http_multi(limit) -> multi: a connection cache with at most `limit`
// connections (0: curl's default).
int l_http_multi(lua_State* L) {
  const lua_Integer limit = luaL_optinteger(L, 1, 0);
  kernel::check_loop_open(L);
  const char* why = nullptr;
  if (curl_api(&why) == nullptr) return luaL_error(L, "cannot start an HTTP client: %s", why);
  auto* m = static_cast<Multi*>(lua_newuserdatauv(L, sizeof(Multi), 0));
  new (m) Multi();
  luaL_setmetatable(L, kMultiMt);
  if (!open_multi(m, kernel::kernel(L).loop, static_cast<long>(limit))) {
    return luaL_error(L, "cannot start an HTTP client (libcurl or libuv refused)");
  }
  return 1;
}

// http_close(multi): stops its transfers (their anchors released: none
// delivers again) and closes its connections now, idle ones included, as
// aiohttp's session close closes its connector's. Closing twice does
// nothing; a closed multi starts no transfer, and its collection later only
// frees it.
int l_http_close(lua_State* L) {
  Multi* m = check_multi(L, 1);
  for (Transfer* t = m->transfers; t; t = t->next_in) kernel::set_anchor(L, kRegHttp, t, 0);
  close_multi(m);
  return 0;
}

int l_multi_gc(lua_State* L) {
  Multi* m = check_multi(L, 1);
  close_multi(m);
  m->~Multi();
  return 0;
}

const char* opt_string(lua_State* L, int t, const char* key) {
  lua_getfield(L, t, key);
  const char* s = lua_tostring(L, -1);
  lua_pop(L, 1);  // the string stays alive: the options table holds it
  return s;
}

bool opt_bool(lua_State* L, int t, const char* key, bool dflt) {
  lua_getfield(L, t, key);
  const bool b = lua_isnil(L, -1) ? dflt : lua_toboolean(L, -1);
  lua_pop(L, 1);
  return b;
}

// [-0, +0] Raises Python's ValueError when a string of opts that curl takes
// as a C string (the URL, the method, a header line...) holds a NUL byte:
// curl would send what comes before it (another URL, a cut header).
void refuse_nul_in_options(lua_State* L, int t) {
  for (const char* key : {"url", "method", "user_agent", "cafile"}) {
    lua_getfield(L, t, key);
    refuse_nul(L, -1, kNulCharacter);
    lua_pop(L, 1);
  }
  if (lua_getfield(L, t, "headers") == LUA_TTABLE) {
    const auto n = static_cast<lua_Integer>(lua_rawlen(L, -1));
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_rawgeti(L, -1, i);
      refuse_nul(L, -1, kNulCharacter);
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
}

// http_start(multi, opts) -> transfer. opts (checked by http.lua): url,
// method, headers (a list of "Name: value"), body (a string or nil),
// timeout (seconds or nil), cafile, verify, user_agent.
int l_http_start(lua_State* L) {
  Multi* m = check_multi(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  refuse_nul_in_options(L, 2);
  if (m->curl == nullptr) return luaL_error(L, "the HTTP client is closed");
  auto* t = static_cast<Transfer*>(lua_newuserdatauv(L, sizeof(Transfer), 1));
  new (t) Transfer();
  luaL_setmetatable(L, kTransferMt);
  const int ud = lua_gettop(L);
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, ud, 1);  // the Multi lives as long as its transfers
  t->k = &kernel::kernel(L);
  t->multi = m;
  t->easy = curl().easy_init();
  if (t->easy == nullptr) return luaL_error(L, "not enough memory");
  CURL* e = t->easy;
  curl().easy_setopt(e, CURLOPT_URL, opt_string(L, 2, "url"));
  curl().easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  // A request stopped while its name is being resolved lets curl's
  // resolver thread finish alone, instead of waiting for it on the loop.
  curl().easy_setopt(e, CURLOPT_QUICK_EXIT, 1L);
  curl().easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
  curl().easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl().easy_setopt(e, CURLOPT_HEADERDATA, t);
  curl().easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl().easy_setopt(e, CURLOPT_WRITEDATA, t);
  curl().easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
  curl().easy_setopt(e, CURLOPT_OPENSOCKETDATA, t);
  curl().easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // what libcurl can decode, decoded
  curl().easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl().easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  if (const char* ua = opt_string(L, 2, "user_agent")) curl().easy_setopt(e, CURLOPT_USERAGENT, ua);
  const char* method = opt_string(L, 2, "method");
  lua_getfield(L, 2, "body");
  size_t body_len = 0;
  const char* body = lua_tolstring(L, -1, &body_len);
  if (body) {
    try {
      t->post.assign(body, body_len);
    } catch (const std::bad_alloc&) {
      return luaL_error(L, "not enough memory");
    }
  }
  lua_pop(L, 1);
  if (method && std::strcmp(method, "HEAD") == 0) {
    curl().easy_setopt(e, CURLOPT_NOBODY, 1L);
  } else if (body || (method && (std::strcmp(method, "POST") == 0))) {
    curl().easy_setopt(e, CURLOPT_POSTFIELDS, t->post.data());
    curl().easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t->post.size()));
    if (method && std::strcmp(method, "POST") != 0) curl().easy_setopt(e, CURLOPT_CUSTOMREQUEST, method);
  } else if (method && std::strcmp(method, "GET") != 0) {
    curl().easy_setopt(e, CURLOPT_CUSTOMREQUEST, method);
  }
  lua_getfield(L, 2, "headers");
  if (lua_istable(L, -1)) {
    const lua_Integer n = luaL_len(L, -1);
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_rawgeti(L, -1, i);
      if (const char* h = lua_tostring(L, -1)) {
        curl_slist* grown = curl().slist_append(t->headers_out, h);
        if (grown == nullptr) return luaL_error(L, "not enough memory");
        t->headers_out = grown;
      }
      lua_pop(L, 1);
    }
    curl().easy_setopt(e, CURLOPT_HTTPHEADER, t->headers_out);
  }
  lua_pop(L, 1);
  lua_getfield(L, 2, "timeout");
  if (lua_isnumber(L, -1)) {
    // (positive and finite: http.lua checks it.) One longer than ~31 years
    // is none of curl's, whose clock adds it to the present (and a long
    // cannot hold every double); http.lua's deadline for the request holds.
    constexpr double kLongestMs = 1e12;
    const double ms = lua_tonumber(L, -1) * 1000.0;
    if (ms < kLongestMs) {
      curl().easy_setopt(e, CURLOPT_TIMEOUT_MS, std::max(1L, static_cast<long>(ms + 0.5)));  // 0: no timeout
    }
  }
  lua_pop(L, 1);
  if (const char* ca = opt_string(L, 2, "cafile")) curl().easy_setopt(e, CURLOPT_CAINFO, ca);
  if (!opt_bool(L, 2, "verify", true)) {
    curl().easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
    curl().easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  kernel::set_anchor(L, kRegHttp, t, ud);
  if (!start(t)) {
    kernel::set_anchor(L, kRegHttp, t, 0);
    // (A finalizer run by an allocation above may have closed the multi.)
    if (m->curl == nullptr) return luaL_error(L, "the HTTP client is closed");
    return luaL_error(L, "libcurl refused the transfer");
  }
  lua_settop(L, ud);
  return 1;
}

// http_head(t) -> status, reason, url, head, location | nil (the head is
// not in yet, or the transfer was stopped before it finished). location: where a redirect (a 3xx with a Location)
// leads, as an absolute URL; nil when it is none
int l_http_head(lua_State* L) {
  Transfer* t = check_transfer(L, 1);
  if (!t->head_done || t->easy == nullptr) return 0;
  lua_pushinteger(L, t->status);
  lua_pushlstring(L, t->reason.data(), t->reason.size());
  char* url = nullptr;
  curl().easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &url);
  lua_pushstring(L, url ? url : "");
  lua_pushlstring(L, t->head.data(), t->head.size());
  char* location = nullptr;
  curl().easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, &location);
  if (location) {
    lua_pushstring(L, location);
  } else {
    lua_pushnil(L);
  }
  return 5;
}

// http_take(t[, n]) -> up to n unread body bytes (all when n is absent),
// "" when none is there now
int l_http_take(lua_State* L) {
  Transfer* t = check_transfer(L, 1);
  const size_t unread = t->body.size() - t->taken;
  size_t n = unread;
  if (!lua_isnoneornil(L, 2)) {
    const lua_Integer want = luaL_checkinteger(L, 2);
    if (want >= 0 && static_cast<size_t>(want) < n) n = static_cast<size_t>(want);
  }
  lua_pushlstring(L, t->body.data() + t->taken, n);
  t->taken += n;
  if (t->taken == t->body.size()) {
    t->body.clear();
    t->taken = 0;
  }
  resume_if_room(t);
  return 1;
}

// http_state(t) -> "connecting" | "body" | "done", and when done: curl's
// result code (0: complete), its message, the system's errno, the URL it
// ended at (where the redirects it followed led), the errno of a socket
// that could not be opened (0: none)
int l_http_state(lua_State* L) {
  Transfer* t = check_transfer(L, 1);
  switch (t->phase) {
    case Phase::Connecting:
      lua_pushliteral(L, "connecting");
      return 1;
    case Phase::Body:
      lua_pushliteral(L, "body");
      return 1;
    case Phase::Done:
      break;
  }
  lua_pushliteral(L, "done");
  lua_pushinteger(L, t->result);
  lua_pushstring(L, t->error[0] ? t->error : curl().easy_strerror(t->result));
  long os_errno = 0;
  char* url = nullptr;
  curl().easy_getinfo(t->easy, CURLINFO_OS_ERRNO, &os_errno);  // (a finished transfer keeps its easy handle)
  lua_pushinteger(L, os_errno);
  curl().easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &url);
  lua_pushstring(L, url ? url : "");
  lua_pushinteger(L, t->socket_errno);
  return 6;
}

// http_peer(t) -> ip, port: the first address that the transfer's
// connection attempts since its last response head tried; nothing when none
int l_http_peer(lua_State* L) {
  Transfer* t = check_transfer(L, 1);
  char ip[INET6_ADDRSTRLEN] = {};
  int port = 0;
  if (t->tried_len == 0) return 0;
  if (t->tried.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&t->tried);
    if (uv_ip4_name(in, ip, sizeof ip) != 0) return 0;
    port = ntohs(in->sin_port);
  } else if (t->tried.ss_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&t->tried);
    if (uv_ip6_name(in6, ip, sizeof ip) != 0) return 0;
    port = ntohs(in6->sin6_port);
  } else {
    return 0;
  }
  lua_pushstring(L, ip);
  lua_pushinteger(L, port);
  return 2;
}

// http_stop(t): takes the transfer off the connection at once (its
// connection is closed if the response was not read to its end). One that
// had not finished frees at once what it holds -- its unread body (up to
// kHighWater and more: the buffer's capacity), the request body, the easy
// handle -- rather than when the collector comes to its userdata, which
// the collector takes for a small object (the memory is not Lua's) and a
// response that is still held keeps alive. A finished one keeps its unread
// body: it can still be read (after its Session closed, say). With
// keep_body, an unfinished one keeps it too (a Session's close: what came
// is still read, as aiohttp's stream gives what it buffered); it stays
// "body" and gets no more.
int l_http_stop(lua_State* L) {
  Transfer* t = check_transfer(L, 1);
  const bool keep_body = lua_toboolean(L, 2);
  stop(t);
  kernel::set_anchor(L, kRegHttp, t, 0);
  if (t->phase != Phase::Done) release(t, keep_body);
  return 0;
}

int l_transfer_gc(lua_State* L) {
  Transfer* t = check_transfer(L, 1);
  kernel::unnote_io(*t->k, t);
  stop(t);
  release(t);
  t->~Transfer();
  return 0;
}

// http_curl_version() -> "libcurl/7.88.1" (loads libcurl)
int l_http_curl_version(lua_State* L) {
  const char* why = nullptr;
  if (curl_api(&why) == nullptr) return luaL_error(L, "cannot start an HTTP client: %s", why);
  const char* v = curl().version();
  const char* space = std::strchr(v, ' ');
  lua_pushlstring(L, v, space ? static_cast<size_t>(space - v) : std::strlen(v));
  return 1;
}

const luaL_Reg http_funcs[] = {
    {"http_curl_version", l_http_curl_version},
    {"http_multi", l_http_multi},
    {"http_start", l_http_start},
    {"http_head", l_http_head},
    {"http_take", l_http_take},
    {"http_state", l_http_state},
    {"http_peer", l_http_peer},
    {"http_stop", l_http_stop},
    {"http_close", l_http_close},
    {nullptr, nullptr},
};

}  // namespace

void Transfer::deliver(lua_State* L) {
  kernel::push_lua_fn(L, kernel::LuaFn::HttpEvent);
  lua_getfield(L, LUA_REGISTRYINDEX, kRegHttp);
  lua_rawgetp(L, -1, this);
  lua_remove(L, -2);
  lua_pushnil(L);
  kernel::enqueue(L);  // may raise (memory): the anchor stays, for the next delivery
  if (phase == Phase::Done) kernel::set_anchor(L, kRegHttp, this, 0);  // the entry holds it now
}

void open_http_module(lua_State* L) {
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, kRegHttp);
  luaL_newmetatable(L, kMultiMt);
  lua_pushcfunction(L, l_multi_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  luaL_newmetatable(L, kTransferMt);
  lua_pushcfunction(L, l_transfer_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  push_runtime_modules(L);
  lua_getfield(L, -1, "luasync.core");
  kernel::register_funcs(L, -1, http_funcs, 0);
  lua_pop(L, 2);
}

void preload_cjson(lua_State* L) { preload_runtime_module(L, "luasync.cjson", l_open_cjson); }

}  // namespace luasync::http
