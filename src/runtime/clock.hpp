#pragma once

namespace luasync {

// Real: the monotonic clock. Virtual: a clock that only moves when the loop
// jumps it to the next deadline (every task waiting on timers only) or a
// blocking time.sleep advances it, so a lesson prints exact timings at once.
enum class ClockKind { Real, Virtual };

class Clock {
 public:
  explicit Clock(ClockKind kind);
  ClockKind kind() const { return kind_; }
  // Seconds on the loop's monotonic clock (loop:time(), time.monotonic()).
  double now() const;
  // time.time(): the wall clock; under the virtual clock, wall time at start
  // plus virtual seconds elapsed, so printed durations agree with now().
  double wall() const;
  // How long a piece of work takes, as the real clock would have measured
  // it (debug mode's slow steps and blocking calls): differences of work()
  // are the real clock's; under the virtual clock, what time.sleep advanced
  // plus the real time spent computing or blocking otherwise (a CPU loop,
  // os.execute), which moves no virtual time but blocks the loop all the same.
  double work() const;
  // Virtual only: never moves backwards.
  void advance_to(double t);
  // Blocks the thread (real) or advances the clock (virtual).
  void sleep(double seconds);

 private:
  ClockKind kind_;
  double virtual_now_;
  double start_virtual_;
  double start_wall_;
};

double monotonic_seconds();
// The processor time the calling thread used, in seconds: what a piece of
// work cost it, whatever else the system ran meanwhile.
double thread_cpu_seconds();

}  // namespace luasync
