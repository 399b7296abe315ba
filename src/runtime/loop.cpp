#include "runtime/loop.hpp"

#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "runtime/interrupt.hpp"

namespace luasync {

Loop::Loop(ClockKind clock) : clock_(clock) {
  // libuv's first loop makes a pipe for its signal handling, after epoll,
  // and aborts the process when it cannot: check that the descriptors are
  // there first (two pipes' worth).
  int fds[4];
  int made = 0;
  for (; made < 4; made += 2) {
    if (pipe(fds + made) != 0) break;
  }
  const int err = errno;
  for (int i = 0; i < made; ++i) ::close(fds[i]);
  if (made < 4) {
    init_error_ = uv_translate_sys_error(err);
    closed_ = true;
    return;
  }
  init_error_ = uv_loop_init(&loop_);
  if (init_error_ != 0) {
    closed_ = true;  // nothing to close
    return;
  }
  timer_fd_ = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (timer_fd_ < 0) {
    init_error_ = uv_translate_sys_error(errno);
    return;  // close() releases what was made
  }
  init_error_ = timer_.init(uv_poll_init, &loop_, timer_fd_);
  if (init_error_ == 0) init_error_ = uv_poll_start(timer_.get(), UV_READABLE, on_timer);
  if (init_error_ == 0) init_error_ = wake_.init(uv_async_init, &loop_, on_wake);
  if (init_error_ != 0) return;
  timer_.get()->data = this;
  uv_unref(timer_.base());
  uv_unref(wake_.base());
  interrupt_attach(wake_.get());
}

Loop::~Loop() { close(); }

bool Loop::arm_timer(double seconds) {
  // Far deadlines come in steps of ~31 years (the poll wakes, finds
  // nothing due and arms again): time_t cannot hold every double.
  constexpr double kLongestArm = 1e9;
  if (seconds > kLongestArm) seconds = kLongestArm;
  itimerspec spec{};
  const double whole = std::floor(seconds);
  spec.it_value.tv_sec = static_cast<time_t>(whole);
  spec.it_value.tv_nsec = static_cast<long>((seconds - whole) * 1e9);
  if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0) spec.it_value.tv_nsec = 1;  // 0 would disarm it
  // Setting it also drops an expiry not yet read (a timer that ran out
  // while I/O woke the poll first): it cannot wake a later poll.
  return timerfd_settime(timer_fd_, 0, &spec, nullptr) == 0;
}

void Loop::on_timer(uv_poll_t* poll, int, int) {
  auto* loop = static_cast<Loop*>(poll->data);
  std::uint64_t expiries;
  if (::read(loop->timer_fd_, &expiries, sizeof expiries) != sizeof expiries) return;  // not run out
  // Only note it: the poll that armed the timer collects due deadlines
  // against the precise clock once uv_run returns.
  loop->timer_fired_ = true;
}

void Loop::on_wake(uv_async_t*) {
  // Woken by the SIGINT handler; poll() reads the interrupt flag.
}

PollOutcome Loop::poll(bool block, std::vector<DeadlineHeap::Id>& fired) {
  if (interrupt_pending()) return PollOutcome::Interrupted;
  if (!block) {
    // Polling I/O costs a system call; with no handle or request alive
    // there is nothing it could find (Ctrl-C is read from an atomic above).
    if (uv_loop_alive(&loop_)) uv_run(&loop_, UV_RUN_NOWAIT);
  } else {
    std::optional<double> next = deadlines_.next();
    // An infinite deadline (sleep(math.huge)) never comes: nothing to arm.
    // (One at minus infinity, call_at(-math.huge), is due now.)
    if (next && *next == HUGE_VAL) next.reset();
    bool io_alive = uv_loop_alive(&loop_) != 0;
    if (!next && !io_alive) return PollOutcome::Stalled;
    if (next && !io_alive && clock_.kind() == ClockKind::Virtual) {
      clock_.advance_to(*next);
    } else {
      timer_fired_ = false;
      const double real_start = monotonic_seconds();
      const double wait = next ? *next - clock_.now() : -1;
      // A deadline this close is met by looking at I/O until it comes, not
      // by sleeping: the system wakes a sleeping process later than that
      // (~0.1 ms, and a millisecond or more now and then on a virtual
      // machine), and every deadline due meanwhile would be as late (bench
      // W4: 1,000 sleepers whose deadlines are microseconds apart slept
      // five times a round). The driver asks again at once, so the loop
      // spins for at most this long before a deadline.
      constexpr double kSpinWait = 100e-6;
      if (next && wait <= kSpinWait) {
        // Already due (or nearly): a 0 ms uv timer would fire in uv_run's
        // timer phase and leave its I/O poll with no timeout, blocking on
        // other handles (the REPL's stdin) until they stir. Just look at
        // I/O and go on.
        uv_run(&loop_, UV_RUN_NOWAIT);
      } else if (next && !arm_timer(wait)) {
        uv_run(&loop_, UV_RUN_NOWAIT);  // no timer to wake the poll: it must not block
      } else {
        if (next) uv_ref(timer_.base());  // the loop waits for it
        uv_run(&loop_, UV_RUN_ONCE);
        if (next) uv_unref(timer_.base());
      }
      // Under the virtual clock with I/O pending (a socket, a child, a worker
      // thread's job), time runs at real speed (DESIGN §2): it moves by the
      // real time the wait took, never past the next deadline; a deadline is
      // reached when the real wait for it ran out.
      if (clock_.kind() == ClockKind::Virtual) {
        if (timer_fired_ && next) {
          clock_.advance_to(*next);
        } else {
          double to = clock_.now() + (monotonic_seconds() - real_start);
          if (next && to > *next) to = *next;
          clock_.advance_to(to);
        }
      }
    }
  }
  if (!deadlines_.empty()) {
    const size_t first = fired.size();
    deadlines_.pop_due(clock_.now(), fired);
    // Native deadlines run here and leave the list; the driver gets the rest.
    if (!natives_.empty()) {
      native_due_.clear();
      size_t kept = first;
      for (size_t i = first; i < fired.size(); ++i) {
        const DeadlineHeap::Id id = fired[i];
        if (id < natives_.size() && natives_[id].fn) {
          native_due_.push_back(id);
        } else {
          fired[kept++] = id;
        }
      }
      fired.resize(kept);
      // By index: a callback that adds a native deadline may grow
      // native_due_'s capacity (add_native), which moves its elements.
      for (size_t i = 0; i < native_due_.size(); ++i) {
        const DeadlineHeap::Id id = native_due_[i];
        const Native n = natives_[id];
        natives_[id] = Native{};
        deadlines_.release(id);  // it may be reused from now on
        // (An earlier callback of the batch may have cancelled this one.)
        if (n.fn) n.fn(n.ctx);
      }
    }
  }
  if (interrupt_pending()) return PollOutcome::Interrupted;
  return PollOutcome::Progress;
}

DeadlineHeap::Id Loop::add_native(double when, NativeFn fn, void* ctx) {
  const DeadlineHeap::Id id = deadlines_.next_id();
  if (id >= natives_.size()) natives_.resize(id + 1);  // may throw: nothing added yet
  native_due_.reserve(natives_.size());                // so that poll never allocates
  deadlines_.add(when);                                // may throw: the slot stays empty
  natives_[id] = Native{fn, ctx};
  return id;
}

void Loop::cancel_native(DeadlineHeap::Id id) {
  if (id < natives_.size() && natives_[id].fn) {
    natives_[id] = Native{};
    deadlines_.cancel(id);
  }
}

bool Loop::set_clock(ClockKind kind) {
  if (kind == clock_.kind()) return true;
  if (!deadlines_.empty()) return false;
  clock_ = Clock(kind);
  return true;
}

bool Loop::close() {
  if (closed_) return true;
  closed_ = true;
  interrupt_attach(nullptr);
  timer_.close();  // stops watching timer_fd_ at once
  if (timer_fd_ >= 0) ::close(timer_fd_);
  timer_fd_ = -1;
  wake_.close();
  // Handles owned elsewhere (streams, processes) are closed by their owners
  // during shutdown; here we drain their close callbacks, and give a
  // request that a worker thread is running (a file read) a second to end.
  for (int i = 0; i < 1000; ++i) {
    if (uv_loop_close(&loop_) == 0) return true;
    uv_run(&loop_, UV_RUN_NOWAIT);
    if (i >= 10) uv_sleep(1);
  }
  return false;
}

}  // namespace luasync
