// Driving a CURLM from the loop (multi.hpp), as libcurl's multi_socket API
// asks: curl says which sockets to watch for what (socket_cb) and when it
// wants to be called for timeouts (timer_cb: a native deadline on the loop's
// heap); the loop tells it what happened (curl_multi_socket_action), then
// finished transfers are read off (check_done).
#include "http/multi.hpp"

namespace luasync::http {

namespace {

Multi* all_multis = nullptr;

// Out of its Multi's hands (finished or stopped).
void take_out(Transfer* t) {
  Multi* m = t->multi;
  t->in_multi = false;
  if (t->prev_in) {
    t->prev_in->next_in = t->next_in;
  } else {
    m->transfers = t->next_in;
  }
  if (t->next_in) t->next_in->prev_in = t->prev_in;
  t->next_in = t->prev_in = nullptr;
  if (--m->active == 0 && m->alive) uv_unref(m->alive.base());
}

// Transfers that curl finished: their phase and result, then a note.
void check_done(Multi* m) {
  int left;
  while (CURLMsg* msg = curl().multi_info_read(m->curl, &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    Transfer* t = nullptr;
    curl().easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
    const CURLcode result = msg->data.result;
    curl().multi_remove_handle(m->curl, msg->easy_handle);  // msg is invalid after this
    if (t == nullptr) continue;
    take_out(t);
    t->result = result;
    if (!t->head_done && result == CURLE_OK) {
      // A response whose head curl did not end with a blank line for us.
      curl().easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &t->status);
      t->head_done = true;
    }
    t->phase = Phase::Done;
    // curl is done with the request body (the easy handle is never added
    // again: a redirect is a new transfer): freed now, not when a held
    // response lets the collector reach the transfer.
    std::string().swap(t->post);
    kernel::note_io(*t->k, t);
  }
}

void act(Multi* m, curl_socket_t fd, int flags) {
  int running;
  curl().multi_socket_action(m->curl, fd, flags, &running);
  check_done(m);
}

void on_poll(uv_poll_t* poll, int status, int events) {
  auto* s = static_cast<Socket*>(poll->data);
  int flags = 0;
  if (status < 0) {
    // POLLERR (libuv reports it as UV_EBADF and stops the poll): the socket
    // has a pending error, a reset (ECONNRESET) most often. curl's own loop
    // (Curl_poll) takes POLLERR for readable and writable, so that its next
    // recv or send meets the error and it decides: a reset on a reused
    // connection sends the request again on a fresh one, and a reset on a
    // fresh one is "Recv failure: Connection reset by peer" with its errno.
    // CURL_CSELECT_ERR would fail the transfer at once, with neither
    // ("select/poll returned error"). The poll restarts first: curl keeps
    // what it asked for, and says if that changes. If it cannot restart,
    // curl would never hear of the socket again: the transfer fails now.
    flags = CURL_CSELECT_IN | CURL_CSELECT_OUT;
    if (uv_poll_start(s->poll, s->events, on_poll) != 0) flags |= CURL_CSELECT_ERR;
  } else {
    if (events & UV_READABLE) flags |= CURL_CSELECT_IN;
    if (events & UV_WRITABLE) flags |= CURL_CSELECT_OUT;
  }
  act(s->multi, s->fd, flags);
}

// curl's deadline came due (Loop::poll calls it after its I/O).
void on_deadline(void* ctx) {
  auto* m = static_cast<Multi*>(ctx);
  m->has_deadline = false;
  act(m, CURL_SOCKET_TIMEOUT, 0);
}

void free_socket(Socket* s) {
  uv_poll_stop(s->poll);
  uv_close(reinterpret_cast<uv_handle_t*>(s->poll), [](uv_handle_t* h) { delete reinterpret_cast<uv_poll_t*>(h); });
  delete s;
}

int socket_cb(CURL*, curl_socket_t fd, int what, void* userp, void* socketp) {
  auto* m = static_cast<Multi*>(userp);
  auto* s = static_cast<Socket*>(socketp);
  if (what == CURL_POLL_REMOVE) {
    if (s) {
      curl().multi_assign(m->curl, fd, nullptr);
      free_socket(s);
    }
    return 0;
  }
  if (s == nullptr) {
    s = new (std::nothrow) Socket();
    auto* poll = new (std::nothrow) uv_poll_t();
    if (s == nullptr || poll == nullptr || uv_poll_init_socket(m->loop->uv(), poll, fd) != 0) {
      delete s;
      delete poll;
      return -1;  // curl fails the transfer
    }
    s->poll = poll;
    s->multi = m;
    s->fd = fd;
    poll->data = s;
    curl().multi_assign(m->curl, fd, s);
  }
  int events = 0;
  if (what & CURL_POLL_IN) events |= UV_READABLE;
  if (what & CURL_POLL_OUT) events |= UV_WRITABLE;
  s->events = events;
  // (A socket libuv cannot poll: curl fails the transfer. The socket stays
  // assigned, for curl's CURL_POLL_REMOVE or the multi's cleanup.)
  if (uv_poll_start(s->poll, events, on_poll) != 0) return -1;
  return 0;
}

int timer_cb(CURLM*, long timeout_ms, void* userp) {
  auto* m = static_cast<Multi*>(userp);
  if (m->has_deadline) {
    m->loop->cancel_native(m->deadline);
    m->has_deadline = false;
  }
  if (timeout_ms < 0) return 0;
  // 0: at the loop's next poll (curl asks not to be called from here).
  try {
    m->deadline =
        m->loop->add_native(m->loop->clock().now() + static_cast<double>(timeout_ms) / 1000.0, on_deadline, m);
  } catch (const std::bad_alloc&) {
    return -1;  // curl fails the transfers
  }
  m->has_deadline = true;
  return 0;
}

}  // namespace

namespace {

void link_multi(Multi* m) {
  m->next = all_multis;
  if (all_multis) all_multis->prev = m;
  all_multis = m;
}

void unlink_multi(Multi* m) {
  if (m->prev) {
    m->prev->next = m->next;
  } else if (all_multis == m) {
    all_multis = m->next;
  }
  if (m->next) m->next->prev = m->prev;
  m->next = m->prev = nullptr;
}

}  // namespace

bool open_multi(Multi* m, Loop* loop, long max_connections) {
  m->loop = loop;
  if (m->alive.init(uv_async_init, loop->uv(), [](uv_async_t*) {}) != 0) return false;
  uv_unref(m->alive.base());  // held only while transfers run
  m->curl = curl().multi_init();
  if (m->curl == nullptr) {
    m->alive.close();
    return false;
  }
  curl().multi_setopt(m->curl, CURLMOPT_SOCKETFUNCTION, socket_cb);
  curl().multi_setopt(m->curl, CURLMOPT_SOCKETDATA, m);
  curl().multi_setopt(m->curl, CURLMOPT_TIMERFUNCTION, timer_cb);
  curl().multi_setopt(m->curl, CURLMOPT_TIMERDATA, m);
  if (max_connections > 0) {
    // At most that many connections; transfers beyond wait in curl's queue.
    curl().multi_setopt(m->curl, CURLMOPT_MAX_TOTAL_CONNECTIONS, max_connections);
    curl().multi_setopt(m->curl, CURLMOPT_MAXCONNECTS, max_connections);
  }
  link_multi(m);
  return true;
}

void close_multi(Multi* m) {
  while (m->transfers) stop(m->transfers);
  if (m->curl) {
    // Closes the cached connections: curl removes their sockets through
    // socket_cb, which closes their polls.
    curl().multi_cleanup(m->curl);
    m->curl = nullptr;
  }
  if (m->has_deadline) {
    m->loop->cancel_native(m->deadline);
    m->has_deadline = false;
  }
  m->alive.close();
  unlink_multi(m);
}

bool start(Transfer* t) {
  Multi* m = t->multi;
  if (m->curl == nullptr) return false;
  curl().easy_setopt(t->easy, CURLOPT_PRIVATE, t);
  if (curl().multi_add_handle(m->curl, t->easy) != CURLM_OK) return false;
  t->in_multi = true;
  t->next_in = m->transfers;
  if (m->transfers) m->transfers->prev_in = t;
  m->transfers = t;
  if (m->active++ == 0 && m->alive) uv_ref(m->alive.base());
  return true;
}

void stop(Transfer* t) {
  if (!t->in_multi) return;
  if (t->multi->curl) curl().multi_remove_handle(t->multi->curl, t->easy);
  take_out(t);
}

void resume_if_room(Transfer* t) {
  if (!t->paused || !t->in_multi || t->body.size() - t->taken > kHighWater / 2) return;
  t->paused = false;
  // May call the write callback at once with what curl held back: it only
  // appends and notes, so this is safe from a binding.
  curl().easy_pause(t->easy, CURLPAUSE_CONT);
}

void close_http() {
  while (all_multis) {
    close_multi(all_multis);  // unlinks it
  }
}

}  // namespace luasync::http
