#pragma once
#include <uv.h>

#include <new>
#include <vector>

#include "runtime/clock.hpp"
#include "runtime/deadlines.hpp"
#include "uv/handle.hpp"

namespace luasync {

// What one poll of the loop found.
enum class PollOutcome {
  Progress,     // ran I/O callbacks and/or collected due deadlines (maybe none)
  Stalled,      // asked to block, but no deadline, handle or request can ever wake the loop
  Interrupted,  // Ctrl-C arrived; the driver decides what it cancels
};

// The event loop: one uv_loop_t, one timer armed for the earliest deadline,
// and the deadline heap. It never calls Lua: the driver (kernel/driver.cpp)
// asks it to poll and gets back the ids of the deadlines that came due.
//
// The timer is a Linux timerfd watched by a uv_poll_t, not a uv_timer_t:
// libuv's timers count whole milliseconds of a clock it caches per
// iteration, so a sleep woke 0.5 ms late on average and up to 2 ms; a
// timerfd wakes the poll at the deadline to the nanosecond (plus the
// kernel's timer slack, 50 us).
//
// Invariant: between polls the timer's poll handle is unreferenced (it stays
// started: no system call to watch it each time) and the wake-up handle is
// unreferenced, so uv_loop_alive() is true exactly when user I/O (streams,
// processes, threads...) could still complete.
class Loop {
 public:
  // A loop that could not be made (no descriptor left for epoll or its
  // wake-up: EMFILE) says so in init_error(), a libuv error code; it must
  // not be used, only closed.
  explicit Loop(ClockKind clock);
  ~Loop();
  int init_error() const { return init_error_; }
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;

  uv_loop_t* uv() { return &loop_; }
  Clock& clock() { return clock_; }
  DeadlineHeap& deadlines() { return deadlines_; }

  // block: the ready queue is empty, so wait for the next deadline or I/O.
  // Appends due deadline ids to fired, earliest first; each stays taken
  // until deadlines().release(id) (the native ones are released here).
  PollOutcome poll(bool block, std::vector<DeadlineHeap::Id>& fired);

  // Switches the clock kind; only allowed while no deadline is pending.
  bool set_clock(ClockKind kind);

  // A deadline of the C++ side (libcurl's timer: http/multi.cpp): when it
  // comes due, poll() calls fn(ctx) itself, after its I/O, and does not hand
  // the id to the driver. fn never calls Lua. add_native may throw
  // std::bad_alloc (nothing is added then).
  using NativeFn = void (*)(void* ctx);
  DeadlineHeap::Id add_native(double when, NativeFn fn, void* ctx);
  void cancel_native(DeadlineHeap::Id id);

  // Closes every handle and runs the loop until uv_loop_close succeeds.
  // Returns true when the loop closed clean.
  bool close();

  // Whether a job runs in a thread of the program's own pools (threads/:
  // to_thread), which exit() must not destroy the shared state under: set
  // by that module when it first submits, asked by os.exit (kernel/exit.cpp).
  using BusyFn = bool (*)();
  BusyFn workers_busy = nullptr;

 private:
  static void on_timer(uv_poll_t* poll, int status, int events);
  // Arms the timer to expire after `seconds` (> 0).
  bool arm_timer(double seconds);  // false: the timer could not be set
  static void on_wake(uv_async_t* async);

  Clock clock_;
  DeadlineHeap deadlines_;
  uv_loop_t loop_;
  uv::Handle<uv_poll_t> timer_;
  int timer_fd_ = -1;
  uv::Handle<uv_async_t> wake_;
  struct Native {
    NativeFn fn = nullptr;  // null: the id is not a native deadline's
    void* ctx = nullptr;
  };
  std::vector<Native> natives_;               // by deadline id
  std::vector<DeadlineHeap::Id> native_due_;  // poll's buffer
  bool timer_fired_ = false;
  bool closed_ = false;
  int init_error_ = 0;
};

}  // namespace luasync
