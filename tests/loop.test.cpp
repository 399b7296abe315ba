#include "runtime/loop.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "runtime/clock.hpp"
#include "unit_fixture.hpp"  // vectors printed in failure messages

using luasync::ClockKind;
using luasync::DeadlineHeap;
using luasync::Loop;
using luasync::monotonic_seconds;
using luasync::PollOutcome;
using Ids = std::vector<DeadlineHeap::Id>;

TEST_CASE("under the virtual clock a blocking poll jumps to the next deadline when nothing else is alive") {
  Loop loop(ClockKind::Virtual);
  double t0 = loop.clock().now();
  auto late = loop.deadlines().add(t0 + 30.0);
  auto a = loop.deadlines().add(t0 + 5.0);
  auto b = loop.deadlines().add(t0 + 5.0);
  double real0 = monotonic_seconds();
  Ids fired;
  CHECK(loop.poll(true, fired) == PollOutcome::Progress);
  CHECK(fired == Ids{a, b});
  CHECK(loop.clock().now() == t0 + 5.0);
  fired.clear();
  CHECK(loop.poll(true, fired) == PollOutcome::Progress);
  CHECK(fired == Ids{late});
  CHECK(loop.clock().now() == t0 + 30.0);
  CHECK(monotonic_seconds() - real0 < 0.5);
  CHECK(loop.close());
}

TEST_CASE("under the virtual clock a non-blocking poll does not move the clock") {
  Loop loop(ClockKind::Virtual);
  double t0 = loop.clock().now();
  loop.deadlines().add(t0 + 1.0);
  Ids fired;
  CHECK(loop.poll(false, fired) == PollOutcome::Progress);
  CHECK(fired == Ids{});
  CHECK(loop.clock().now() == t0);
  CHECK(loop.deadlines().size() == 1);
  CHECK(loop.close());
}

TEST_CASE("a deadline already due fires on a non-blocking poll") {
  Loop loop(ClockKind::Virtual);
  double t0 = loop.clock().now();
  auto past = loop.deadlines().add(t0 - 1.0);
  auto now = loop.deadlines().add(t0);
  loop.deadlines().add(t0 + 1.0);
  Ids fired;
  CHECK(loop.poll(false, fired) == PollOutcome::Progress);
  CHECK(fired == Ids{past, now});
  CHECK(loop.clock().now() == t0);
  CHECK(loop.close());
}

TEST_CASE("a blocking poll with no deadline and no handle reports Stalled") {
  for (ClockKind kind : {ClockKind::Virtual, ClockKind::Real}) {
    CAPTURE(static_cast<int>(kind));
    Loop loop(kind);
    Ids fired;
    CHECK(loop.poll(true, fired) == PollOutcome::Stalled);
    CHECK(fired == Ids{});
    CHECK(loop.close());
  }
}

TEST_CASE("a blocking poll after the last deadline fired reports Stalled") {
  Loop loop(ClockKind::Virtual);
  auto a = loop.deadlines().add(loop.clock().now() + 1.0);
  Ids fired;
  CHECK(loop.poll(true, fired) == PollOutcome::Progress);
  CHECK(fired == Ids{a});
  fired.clear();
  CHECK(loop.poll(true, fired) == PollOutcome::Stalled);
  CHECK(fired == Ids{});
  CHECK(loop.close());
}

namespace {
struct IoTimer {
  uv_timer_t handle;
  int calls = 0;
};
void on_io_timer(uv_timer_t* t) { ++static_cast<IoTimer*>(t->data)->calls; }
}  // namespace

TEST_CASE(
    "under the virtual clock with I/O alive a blocking poll waits for the I/O, not the deadline, and virtual time "
    "runs at real speed meanwhile") {
  Loop loop(ClockKind::Virtual);
  double t0 = loop.clock().now();
  loop.deadlines().add(t0 + 10.0);
  IoTimer io;
  io.handle.data = &io;
  uv_timer_init(loop.uv(), &io.handle);
  uv_timer_start(&io.handle, on_io_timer, 5, 0);
  double real0 = monotonic_seconds();
  Ids fired;
  // Polls until the I/O callback has run; the virtual deadline is 10 s away
  // and the real wait for it (10 s) never runs out first.
  for (int i = 0; i < 100 && io.calls == 0; ++i) {
    REQUIRE(loop.poll(true, fired) == PollOutcome::Progress);
  }
  CHECK(io.calls == 1);
  CHECK(fired == Ids{});
  // DESIGN §2: while a task waits on I/O, virtual time moves as real time
  // does (the I/O came after 5 ms), never past the next deadline.
  const double real_waited = monotonic_seconds() - real0;
  CHECK(loop.clock().now() > t0);
  CHECK(loop.clock().now() - t0 <= real_waited + 1e-6);
  CHECK(loop.clock().now() - t0 >= 0.004);
  CHECK(real_waited < 2.0);
  uv_close(reinterpret_cast<uv_handle_t*>(&io.handle), nullptr);
  CHECK(loop.close());
}

TEST_CASE("under the real clock a 20 ms deadline never fires early") {
  Loop loop(ClockKind::Real);
  double start = monotonic_seconds();
  double when = loop.clock().now() + 0.020;
  auto id = loop.deadlines().add(when);
  Ids fired;
  int polls = 0;
  while (fired.empty()) {
    REQUIRE(++polls < 100);
    REQUIRE(loop.poll(true, fired) == PollOutcome::Progress);
    double t = monotonic_seconds();
    if (!fired.empty()) {
      CHECK(t >= when);
    } else {
      CHECK(t < when + 0.5);
    }
  }
  CHECK(fired == Ids{id});
  double waited = monotonic_seconds() - start;
  CHECK(waited >= 0.020);
  CHECK(waited < 0.5);
  CHECK(loop.deadlines().empty());
  CHECK(loop.close());
}

TEST_CASE("under the real clock a deadline between two milliseconds fires within a fraction of one") {
  // libuv's timers count whole milliseconds: a deadline 2.3 ms away would
  // fire at 3 ms or later. The loop's timer is finer (a timerfd); the best
  // of five tries is well under a millisecond late even on a busy machine.
  Loop loop(ClockKind::Real);
  double best = 1.0;
  for (int i = 0; i < 5; ++i) {
    const double when = loop.clock().now() + 0.0023;
    auto id = loop.deadlines().add(when);
    Ids fired;
    REQUIRE(loop.poll(true, fired) == PollOutcome::Progress);
    const double late = monotonic_seconds() - when;
    REQUIRE(fired == Ids{id});
    CHECK(late >= 0);
    if (late < best) best = late;
  }
  CHECK(best < 0.00025);
  CHECK(loop.close());
}

TEST_CASE("under the real clock deadlines with different times fire in separate polls, in order") {
  Loop loop(ClockKind::Real);
  double t0 = loop.clock().now();
  auto b = loop.deadlines().add(t0 + 0.030);
  auto a = loop.deadlines().add(t0 + 0.010);
  Ids all;
  for (int i = 0; i < 100 && all.size() < 2; ++i) {
    Ids fired;
    REQUIRE(loop.poll(true, fired) == PollOutcome::Progress);
    for (auto id : fired) {
      CHECK(monotonic_seconds() >= (id == a ? t0 + 0.010 : t0 + 0.030));
      all.push_back(id);
    }
  }
  CHECK(all == Ids{a, b});
  CHECK(loop.close());
}

TEST_CASE("set_clock is refused while deadlines are pending") {
  Loop loop(ClockKind::Real);
  auto id = loop.deadlines().add(loop.clock().now() + 60.0);
  CHECK_FALSE(loop.set_clock(ClockKind::Virtual));
  CHECK(loop.clock().kind() == ClockKind::Real);
  // Asking for the kind it already has is not a switch.
  CHECK(loop.set_clock(ClockKind::Real));
  CHECK(loop.deadlines().cancel(id));
  CHECK(loop.set_clock(ClockKind::Virtual));
  CHECK(loop.clock().kind() == ClockKind::Virtual);
  CHECK(loop.close());
}

TEST_CASE("set_clock switches between the real and the virtual clock when no deadline is pending") {
  Loop loop(ClockKind::Virtual);
  loop.clock().advance_to(loop.clock().now() + 1000.0);
  CHECK(loop.set_clock(ClockKind::Real));
  CHECK(loop.clock().kind() == ClockKind::Real);
  // The virtual clock was 1000 s ahead; the real one is not.
  double t = loop.clock().now();
  double real = monotonic_seconds();
  CHECK(t <= real);
  CHECK(real - t < 1.0);
  CHECK(loop.set_clock(ClockKind::Virtual));
  CHECK(loop.clock().kind() == ClockKind::Virtual);
  CHECK(loop.close());
}

TEST_CASE("a loop closes clean, and closing again is harmless") {
  Loop loop(ClockKind::Virtual);
  loop.deadlines().add(loop.clock().now() + 1.0);
  Ids fired;
  CHECK(loop.poll(true, fired) == PollOutcome::Progress);
  CHECK(loop.close());
  CHECK(loop.close());
}

TEST_CASE("a loop that was never polled closes clean") {
  Loop loop(ClockKind::Real);
  CHECK(loop.close());
}

TEST_CASE("a native deadline runs its callback in poll and is not handed to the driver; a cancelled one never runs") {
  Loop loop(ClockKind::Virtual);
  double t0 = loop.clock().now();
  int calls = 0;
  auto count = [](void* ctx) { ++*static_cast<int*>(ctx); };
  auto lua_side = loop.deadlines().add(t0 + 1.0);
  loop.add_native(t0 + 1.0, count, &calls);
  auto cancelled = loop.add_native(t0 + 0.5, count, &calls);
  loop.cancel_native(cancelled);
  Ids fired;
  CHECK(loop.poll(true, fired) == PollOutcome::Progress);
  CHECK(fired == Ids{lua_side});
  CHECK(calls == 1);
  CHECK(loop.clock().now() == t0 + 1.0);
  // Its id is free again: a later driver deadline that reuses it is the driver's.
  fired.clear();
  auto again = loop.deadlines().add(t0 + 2.0);
  CHECK(loop.poll(true, fired) == PollOutcome::Progress);
  CHECK(fired == Ids{again});
  CHECK(calls == 1);
  CHECK(loop.close());
}
