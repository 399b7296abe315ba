#include "runtime/clock.hpp"

#include <doctest/doctest.h>

#include <cmath>

using luasync::Clock;
using luasync::ClockKind;
using luasync::monotonic_seconds;

TEST_CASE("the virtual clock stands still until advanced") {
  Clock clock(ClockKind::Virtual);
  CHECK(clock.kind() == ClockKind::Virtual);
  double t0 = clock.now();
  // Real time passing does not move it.
  double end = monotonic_seconds() + 0.005;
  while (monotonic_seconds() < end) {
  }
  CHECK(clock.now() == t0);
}

TEST_CASE("the virtual clock moves to exactly the time advance_to names") {
  Clock clock(ClockKind::Virtual);
  double t0 = clock.now();
  clock.advance_to(t0 + 1.5);
  CHECK(clock.now() == t0 + 1.5);
  clock.advance_to(t0 + 100.0);
  CHECK(clock.now() == t0 + 100.0);
}

TEST_CASE("the virtual clock never moves backwards") {
  Clock clock(ClockKind::Virtual);
  double t0 = clock.now();
  clock.advance_to(t0 + 2.0);
  clock.advance_to(t0 + 1.0);
  CHECK(clock.now() == t0 + 2.0);
  clock.advance_to(t0 - 50.0);
  CHECK(clock.now() == t0 + 2.0);
  clock.advance_to(t0 + 2.0);
  CHECK(clock.now() == t0 + 2.0);
}

TEST_CASE("sleep under the virtual clock advances it without waiting") {
  Clock clock(ClockKind::Virtual);
  double t0 = clock.now();
  double real0 = monotonic_seconds();
  clock.sleep(3600.0);
  CHECK(clock.now() == doctest::Approx(t0 + 3600.0));
  clock.sleep(0.25);
  CHECK(clock.now() == doctest::Approx(t0 + 3600.25));
  CHECK(monotonic_seconds() - real0 < 0.5);
}

TEST_CASE("sleep of zero or a negative time does nothing under the virtual clock") {
  Clock clock(ClockKind::Virtual);
  double t0 = clock.now();
  clock.sleep(0.0);
  clock.sleep(-1.0);
  CHECK(clock.now() == t0);
}

TEST_CASE("wall time under the virtual clock moves by exactly the virtual seconds") {
  Clock clock(ClockKind::Virtual);
  double w0 = clock.wall();
  double t0 = clock.now();
  // Real time passing moves neither.
  double end = monotonic_seconds() + 0.005;
  while (monotonic_seconds() < end) {
  }
  CHECK(clock.wall() == w0);
  clock.advance_to(t0 + 10.0);
  CHECK(clock.wall() - w0 == doctest::Approx(10.0).epsilon(1e-9));
  clock.sleep(2.5);
  CHECK(clock.wall() - w0 == doctest::Approx(12.5).epsilon(1e-9));
  CHECK(clock.wall() - w0 == doctest::Approx(clock.now() - t0).epsilon(1e-9));
}

TEST_CASE("wall time under the virtual clock starts near the real wall clock") {
  Clock real(ClockKind::Real);
  Clock virt(ClockKind::Virtual);
  CHECK(std::abs(virt.wall() - real.wall()) < 1.0);
}

TEST_CASE("the real clock is monotonic") {
  Clock clock(ClockKind::Real);
  CHECK(clock.kind() == ClockKind::Real);
  double prev = clock.now();
  for (int i = 0; i < 100000; ++i) {
    double t = clock.now();
    REQUIRE(t >= prev);
    prev = t;
  }
}

TEST_CASE("the real clock follows monotonic_seconds and ignores advance_to") {
  Clock clock(ClockKind::Real);
  double before = monotonic_seconds();
  double t = clock.now();
  double after = monotonic_seconds();
  CHECK(before <= t);
  CHECK(t <= after);
  clock.advance_to(t + 1000.0);
  CHECK(clock.now() < t + 1.0);
}

TEST_CASE("sleep under the real clock really waits at least the time asked") {
  Clock clock(ClockKind::Real);
  double t0 = monotonic_seconds();
  double c0 = clock.now();
  clock.sleep(0.02);
  double waited = monotonic_seconds() - t0;
  CHECK(waited >= 0.02);
  CHECK(waited < 0.5);
  CHECK(clock.now() - c0 >= 0.02);
}
