// The ready queue's prefetch stages stop for a batch whose tasks come in the
// order they were made (bench W1) and run for one whose tasks come out of
// that order (W3's wake-ups by deadline): kernel/prefetch_gate.hpp.
#include "kernel/prefetch_gate.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <functional>
#include <random>
#include <vector>

using luasync::kernel::PrefetchGate;

namespace {

// The entries first..last as the Prefetcher's first stage meets them, each
// table at at(j); answers, for each entry, whether the stages ran for it
// after it was looked at.
std::vector<bool> run_batch(PrefetchGate& gate, std::int64_t first, std::int64_t last,
                            const std::function<std::uintptr_t(std::int64_t)>& at) {
  std::vector<bool> active;
  for (std::int64_t j = first; j <= last; ++j) {
    if (gate.wants(j)) gate.saw(j, at(j));
    active.push_back(gate.active());
  }
  return active;
}

constexpr std::uintptr_t kHeap = 0x7f0000000000;

}  // namespace

TEST_CASE("tasks in the order they were made: the stages stop, and samples keep them stopped") {
  PrefetchGate gate(17);
  const auto active = run_batch(gate, 17, 20000, [](std::int64_t j) { return kHeap + 64 * j; });
  // The first entry has nothing before it; kRun more in a row stop them.
  for (int n = 0; n < PrefetchGate::kRun; ++n) CHECK(active[n]);
  CHECK_FALSE(active[PrefetchGate::kRun]);
  for (std::size_t n = PrefetchGate::kRun; n < active.size(); ++n) REQUIRE_FALSE(active[n]);
  CHECK_FALSE(gate.looked(20000));
}

TEST_CASE("tasks out of order (woken by deadline): the stages run for the whole batch") {
  std::mt19937_64 random(12345);
  std::vector<std::uintptr_t> tables(100000);
  for (auto& t : tables) t = kHeap + 64 * (random() % 1000000);
  PrefetchGate gate(17);
  const auto active = run_batch(gate, 17, 100000, [&](std::int64_t j) { return tables[j - 1]; });
  for (bool a : active) REQUIRE(a);
  CHECK(gate.looked(17));
  CHECK(gate.looked(100000));
}

TEST_CASE("a sample that finds a task out of order starts the stages again at the next entry") {
  PrefetchGate gate(1);
  // In order up to 5000, then going down.
  const auto at = [](std::int64_t j) { return j <= 5000 ? kHeap + 64 * j : kHeap + 64 * (20000 - j); };
  for (std::int64_t j = 1; j <= 5000; ++j) {
    if (gate.wants(j)) gate.saw(j, at(j));
  }
  REQUIRE_FALSE(gate.active());
  std::int64_t restarted = 0;
  for (std::int64_t j = 5001; j <= 8000 && restarted == 0; ++j) {
    if (!gate.wants(j)) continue;
    gate.saw(j, at(j));
    if (gate.active()) restarted = j;
  }
  // Within one resample period, at the sample's second entry (its first has
  // no entry before it that was looked at).
  REQUIRE(restarted > 5000);
  CHECK(restarted <= 5000 + PrefetchGate::kResample + PrefetchGate::kRun + 1);
  // What the first stage found of the entry that restarted them, and of
  // those before, was not kept: the later stages skip them.
  CHECK_FALSE(gate.looked(restarted));
  CHECK(gate.looked(restarted + 1));
}

TEST_CASE("entries without a table, and tables far apart, are out of order") {
  PrefetchGate none(1);
  const auto a = run_batch(none, 1, 200, [](std::int64_t j) { return j % 10 == 0 ? 0 : kHeap + 64 * j; });
  for (bool x : a) REQUIRE(x);
  PrefetchGate far(1);
  const auto b = run_batch(far, 1, 200, [](std::int64_t j) { return kHeap + 2 * PrefetchGate::kNear * j; });
  for (bool x : b) REQUIRE(x);
}
