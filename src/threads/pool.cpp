// Executors' threads and the completion port (pool.hpp).
#include "threads/pool.hpp"

#include <pthread.h>

#include <chrono>
#include <csignal>
#include <system_error>

#include "lua/output.hpp"

namespace luasync::threads {

Executor::~Executor() { join(); }

bool Executor::submit(Job* job) {
  std::unique_lock lock(mu_);
  if (stopping_) return false;
  job->next = nullptr;
  if (tail_) {
    tail_->next = job;
  } else {
    head_ = job;
  }
  tail_ = job;
  ++queued_;
  if (queued_ > idle_ && static_cast<int>(threads_.size()) < max_workers_) {
    // The new thread's first job (the oldest queued) is its own from now
    // on: it has started, as in CPython, whose thread runs once submit
    // returns, so that a cancel right after cannot take it back (and a
    // script that ends then waits for it) while the thread still makes its
    // Lua state.
    Job* first = head_;
    head_ = first->next;
    if (head_ == nullptr) tail_ = nullptr;
    first->next = nullptr;
    --queued_;
    // Signals stay with the loop thread (Ctrl-C, SIGCHLD...): a worker
    // starts with them all blocked.
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    try {
      threads_.emplace_back(
          [this, first, name = prefix_ + "_" + std::to_string(threads_.size())] { work(name, first); });
      ++alive_;
      first = nullptr;
    } catch (const std::exception&) {
      // No thread (EAGAIN, memory): the ones running take the job.
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    if (first != nullptr) {
      first->next = head_;
      head_ = first;
      if (tail_ == nullptr) tail_ = first;
      ++queued_;
    }
    if (threads_.empty()) {
      head_ = tail_ = nullptr;
      queued_ = 0;
      return false;
    }
  }
  lock.unlock();
  cv_.notify_one();
  return true;
}

bool Executor::cancel(Job* job) {
  std::lock_guard lock(mu_);
  Job* prev = nullptr;
  for (Job* j = head_; j != nullptr; prev = j, j = j->next) {
    if (j != job) continue;
    (prev ? prev->next : head_) = j->next;
    if (tail_ == j) tail_ = prev;
    j->next = nullptr;
    --queued_;
    return true;
  }
  return false;
}

Job* Executor::drop_queued() {
  std::lock_guard lock(mu_);
  Job* list = head_;
  head_ = tail_ = nullptr;
  queued_ = 0;
  return list;
}

void Executor::join() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void Executor::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
}

bool Executor::wait_stopped(bool (*interrupted)()) {
  std::unique_lock lock(mu_);
  while (alive_ > 0) {
    ended_.wait_for(lock, std::chrono::milliseconds(50));
    if (alive_ > 0 && interrupted()) return false;
  }
  lock.unlock();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
  return true;
}

void Executor::abandon() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    head_ = tail_ = nullptr;
    queued_ = 0;
  }
  cv_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.detach();
  }
  threads_.clear();
}

void Executor::work(std::string name, Job* job) {
  pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
  lua_State* L = new_worker_state();
  for (;;) {
    if (job == nullptr) {
      std::unique_lock lock(mu_);
      ++idle_;
      cv_.wait(lock, [this] { return head_ != nullptr || stopping_; });
      --idle_;
      job = head_;
      if (job == nullptr) break;  // stopping, and the queue is empty
      head_ = job->next;
      if (head_ == nullptr) tail_ = nullptr;
      --queued_;
    }
    job->thread = name;
    run_job(L, job);
    post_done(job);
    job = nullptr;
  }
  if (L) lua_close(L);
  std::lock_guard lock(mu_);
  --alive_;
  ended_.notify_all();
}

namespace {

struct Port {
  std::mutex mu;
  Job* done = nullptr;  // posted, newest first
  // Whether done holds a job: set under mu, read by the loop thread
  // without it (Kernel::posted) before each entry it queues.
  std::atomic<bool> posted{false};
  std::string output;   // workers' lines for the loop thread to write
  bool flush = false;   // a worker flushed: the begun line goes out too
  uv_async_t* async = nullptr;
  void (*on_done)(Job*) = nullptr;
  int in_flight = 0;  // loop thread only
};
Port port;

// Hands the jobs of list (newest first) to port.on_done, oldest first: the
// jobs come back in the order they ended.
void hand_back(Job* list) {
  Job* ordered = nullptr;
  while (list) {
    Job* next = list->next;
    list->next = ordered;
    ordered = list;
    list = next;
  }
  while (ordered) {
    Job* next = ordered->next;
    ordered->next = nullptr;
    port.on_done(ordered);
    ordered = next;
  }
}

// Takes the jobs posted and the workers' lines that may be written now,
// writes those lines, then hands the jobs back: lines first, so that a
// job's output comes before its end. (From the async callback, and from
// take_posted before an entry joins the ready queue, which a job's line
// must not wait for: the async handle is unreferenced once no job is in
// flight, and the loop may not run it before the next prompt, or at all.)
void take_and_hand_back() {
  Job* list;
  {
    std::string output;
    {
      std::lock_guard lock(port.mu);
      list = port.done;
      port.done = nullptr;
      port.posted.store(false, std::memory_order_relaxed);
      // A line a worker has begun and not ended waits for its end: written
      // now, the prompt drawn after it would cut it in two, the rest coming
      // on a row of its own (as line-buffered stdout holds it, in Python
      // too). A job that ended has all its output written before its end,
      // and a flush has the begun line written as it stands.
      const bool whole = list != nullptr || port.flush;
      port.flush = false;
      const std::size_t end = whole ? std::string::npos : port.output.rfind('\n');
      if (whole || end != std::string::npos) output.swap(port.output);
      if (end != std::string::npos && end + 1 < output.size()) {
        try {
          port.output.assign(output, end + 1);
          output.resize(end + 1);
        } catch (const std::bad_alloc&) {
          // (no memory for the begun line: it goes out now, as it comes)
        }
      }
    }
    if (!output.empty()) {
      before_output();  // the REPL moves its prompt out of the way
      write_stream(stdout, output.data(), output.size());
    }
  }
  hand_back(list);
}

void on_async(uv_async_t*) { take_and_hand_back(); }

}  // namespace

bool open_port(uv_loop_t* loop, void (*on_done)(Job* job)) {
  if (port.async) return true;
  auto* h = new (std::nothrow) uv_async_t();
  if (h == nullptr || uv_async_init(loop, h, on_async) != 0) {
    delete h;
    return false;
  }
  uv_unref(reinterpret_cast<uv_handle_t*>(h));
  port.on_done = on_done;
  std::lock_guard lock(port.mu);
  port.async = h;
  return true;
}

void port_hold() {
  if (port.in_flight++ == 0 && port.async) uv_ref(reinterpret_cast<uv_handle_t*>(port.async));
}

void port_release() {
  if (--port.in_flight == 0 && port.async) uv_unref(reinterpret_cast<uv_handle_t*>(port.async));
}

int port_in_flight() { return port.in_flight; }

const std::atomic<bool>& port_posted() { return port.posted; }

void take_posted() { take_and_hand_back(); }

void post_done(Job* job) {
  std::lock_guard lock(port.mu);
  if (port.async == nullptr) return;  // the process is leaving: the job leaks
  job->next = port.done;
  port.done = job;
  port.posted.store(true, std::memory_order_relaxed);
  uv_async_send(port.async);
}

bool post_output(const char* text, size_t len) {
  std::lock_guard lock(port.mu);
  if (port.async == nullptr) return false;
  if (text == nullptr) {
    port.flush = true;
  } else {
    try {
      port.output.append(text, len);
    } catch (const std::bad_alloc&) {
      return false;
    }
  }
  uv_async_send(port.async);
  return true;
}

void close_port() {
  uv_async_t* h;
  {
    std::lock_guard lock(port.mu);
    h = port.async;
    port.async = nullptr;
    port.done = nullptr;  // (jobs posted but not taken: the state is closing)
    port.posted.store(false, std::memory_order_relaxed);
  }
  if (h) uv_close(reinterpret_cast<uv_handle_t*>(h), [](uv_handle_t* x) { delete reinterpret_cast<uv_async_t*>(x); });
}

}  // namespace luasync::threads
