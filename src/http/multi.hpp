// libcurl's multi interface driven by the loop (DESIGN §2 "HTTP"): a Multi
// is one CURLM -- one connection cache, one limit -- whose sockets are
// watched with uv_poll_t and whose timer is a deadline on the loop's heap
// (a native one: the loop calls back into C++, Loop::add_native). While its
// transfers run, a referenced handle keeps the loop waiting for them, so
// under the virtual clock time runs at real speed then, as curl's own
// timeouts do. A Transfer is one easy handle in it. libuv's callbacks only
// drive curl and note the transfers that have news (IoSource); nothing here
// calls Lua.
//
// Ownership:
// - A Multi belongs to its userdata (http.cpp); a Transfer to its own. A
//   Transfer holds its Multi's userdata as its user value, so a Multi lives
//   as long as any of its transfers.
// - A Transfer is in its Multi's hands (curl_multi_add_handle) from start()
//   until it finishes or is stopped; its easy handle lives until the
//   Transfer is freed (its info is read after the end).
#pragma once

#include <curl/curl.h>
#include <sys/socket.h>
#include <uv.h>

#include <string>

#include "http/curl_api.hpp"
#include "http/http.hpp"
#include "kernel/kernel.hpp"
#include "runtime/loop.hpp"
#include "uv/handle.hpp"

namespace luasync::http {

// libcurl's functions: only once curl_api() answered them (every Multi and
// Transfer is made after that).
inline const CurlApi& curl() { return *curl_api(nullptr); }

struct Transfer;

// A socket curl asked to watch.
struct Socket {
  uv_poll_t* poll = nullptr;
  struct Multi* multi = nullptr;
  curl_socket_t fd = -1;
  int events = 0;  // UV_READABLE | UV_WRITABLE: what curl asked for last
};

struct Multi {
  CURLM* curl = nullptr;
  Loop* loop = nullptr;
  uv::Handle<uv_async_t> alive;  // never sent: referenced while transfers run
  bool has_deadline = false;     // curl's timer is armed: deadline
  DeadlineHeap::Id deadline = 0;
  int active = 0;                 // transfers added and not finished
  Transfer* transfers = nullptr;  // those transfers (close_http stops them)
  Multi* next = nullptr;          // every Multi alive (close_http)
  Multi* prev = nullptr;
};

// Where a transfer stands, as the loop's Lua side reads it.
enum class Phase {
  Connecting,  // no final response head yet
  Body,        // the head is in: status, headers; body bytes may come
  Done,        // curl finished it: result says how
};

struct Transfer final : kernel::IoSource {
  kernel::Kernel* k = nullptr;
  Multi* multi = nullptr;
  CURL* easy = nullptr;
  curl_slist* headers_out = nullptr;
  Phase phase = Phase::Connecting;
  bool in_multi = false;
  Transfer* next_in = nullptr;  // in multi->transfers while in_multi
  Transfer* prev_in = nullptr;
  bool paused = false;  // its write callback paused it: the body buffer is full
  CURLcode result = CURLE_OK;
  long status = 0;
  bool head_done = false;  // the final response's head is in (status, reason, head)
  std::string reason;
  std::string head;  // the final response's header lines, "\r\n"-separated
  std::string body;  // received, not yet taken: body[taken..]
  size_t taken = 0;
  std::string post;  // the request body
  char error[CURL_ERROR_SIZE] = {};
  // The first address its connection attempts since its last response head
  // tried (curl may try several: 127.0.0.1, then ::1 for localhost).
  sockaddr_storage tried{};
  socklen_t tried_len = 0;  // 0: none since
  // The errno of its last socket that could not be opened (EMFILE, ENFILE):
  // curl then says only "Couldn't connect to server", with no errno of its own.
  int socket_errno = 0;
  void deliver(lua_State* L) override;
};

// [loop thread] Makes a Multi on the loop; false when curl or libuv could not.
bool open_multi(Multi* m, Loop* loop, long max_connections);
// Ends it: stops its transfers, closes its connections (their sockets and
// polls), its deadline and its handle; it stays unlinked, with no CURLM, so
// that every later use sees it closed (start refuses, stop and resume do
// nothing). Idempotent: a Session's close, then its collection.
void close_multi(Multi* m);
// Adds the transfer (its easy handle set up); false when curl refused.
bool start(Transfer* t);
// Takes the transfer out of its Multi (cancelled, or its owner collected).
void stop(Transfer* t);
// After the Lua side took body bytes: resumes a transfer paused on a full
// buffer once it has room again.
void resume_if_room(Transfer* t);
// The most bytes a transfer keeps unread before it pauses.
inline constexpr size_t kHighWater = 1 << 20;

}  // namespace luasync::http
