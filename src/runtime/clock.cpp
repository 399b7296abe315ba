#include "runtime/clock.hpp"

#include <uv.h>

#include <cerrno>
#include <cmath>
#include <ctime>

#include "runtime/interrupt.hpp"

namespace luasync {

double monotonic_seconds() { return static_cast<double>(uv_hrtime()) / 1e9; }

double thread_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

static double wall_seconds() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

Clock::Clock(ClockKind kind)
    : kind_(kind), virtual_now_(monotonic_seconds()), start_virtual_(virtual_now_), start_wall_(wall_seconds()) {}

double Clock::now() const { return kind_ == ClockKind::Real ? monotonic_seconds() : virtual_now_; }

double Clock::work() const {
  return kind_ == ClockKind::Real ? monotonic_seconds() : virtual_now_ + monotonic_seconds();
}

double Clock::wall() const {
  if (kind_ == ClockKind::Real) return wall_seconds();
  return start_wall_ + (virtual_now_ - start_virtual_);
}

void Clock::advance_to(double t) {
  if (t > virtual_now_) virtual_now_ = t;
}

void Clock::sleep(double seconds) {
  if (!(seconds > 0)) return;
  if (kind_ == ClockKind::Virtual) {
    virtual_now_ += seconds;
    return;
  }
  double end = monotonic_seconds() + seconds;
  for (;;) {
    double left = end - monotonic_seconds();
    if (left <= 0) return;
    timespec ts;
    ts.tv_sec = static_cast<time_t>(left);
    ts.tv_nsec = static_cast<long>((left - std::floor(left)) * 1e9);
    if (nanosleep(&ts, nullptr) == 0) return;
    // Ctrl-C ends a blocking sleep early; the driver or the interrupt hook
    // then turns it into KeyboardInterrupt / cancellation.
    if (errno != EINTR || interrupt_pending()) return;
  }
}

}  // namespace luasync
