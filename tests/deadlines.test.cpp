#include "runtime/deadlines.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include "unit_fixture.hpp"  // vectors printed in failure messages

using luasync::DeadlineHeap;
using Ids = std::vector<DeadlineHeap::Id>;

namespace {
// The due ids, released at once (as the kernel releases each once its
// entry is in the ready queue).
Ids pop_due(DeadlineHeap& heap, double now) {
  Ids due;
  heap.pop_due(now, due);
  for (auto id : due) heap.release(id);
  return due;
}
}  // namespace

TEST_CASE("deadlines come due earliest first, ties in insertion order") {
  DeadlineHeap heap;
  auto c = heap.add(3.0);
  auto a1 = heap.add(1.0);
  auto b = heap.add(2.0);
  auto a2 = heap.add(1.0);
  CHECK(pop_due(heap, 2.5) == Ids{a1, a2, b});
  CHECK(heap.size() == 1);
  CHECK(pop_due(heap, 3.0) == Ids{c});
  CHECK(heap.empty());
}

TEST_CASE("many deadlines at the same time fire in insertion order") {
  DeadlineHeap heap;
  Ids added;
  // Interleave other times so ties are spread over the heap, not adjacent.
  for (int i = 0; i < 50; ++i) {
    heap.add(2.0 + i);
    added.push_back(heap.add(1.0));
    heap.add(100.5);
  }
  CHECK(pop_due(heap, 1.0) == added);
  CHECK(heap.size() == 100);
}

TEST_CASE("a tie keeps insertion order even after cancels reshape the heap") {
  DeadlineHeap heap;
  auto x = heap.add(5.0);
  auto a = heap.add(5.0);
  auto gone = heap.add(1.0);
  auto b = heap.add(5.0);
  auto c = heap.add(5.0);
  CHECK(heap.cancel(gone));
  CHECK(heap.cancel(x));
  CHECK(pop_due(heap, 5.0) == Ids{a, b, c});
}

TEST_CASE("cancel of a pending deadline removes it and returns true") {
  DeadlineHeap heap;
  auto a = heap.add(1.0);
  auto b = heap.add(2.0);
  auto c = heap.add(3.0);
  CHECK(heap.cancel(b));
  CHECK(heap.size() == 2);
  CHECK(pop_due(heap, 10.0) == Ids{a, c});
}

TEST_CASE("cancel of a fired deadline returns false and changes nothing") {
  DeadlineHeap heap;
  auto a = heap.add(1.0);
  auto b = heap.add(2.0);
  CHECK(pop_due(heap, 1.0) == Ids{a});
  CHECK_FALSE(heap.cancel(a));
  CHECK(heap.size() == 1);
  CHECK(pop_due(heap, 2.0) == Ids{b});
}

TEST_CASE("cancel twice returns true then false") {
  DeadlineHeap heap;
  auto a = heap.add(1.0);
  heap.add(2.0);
  CHECK(heap.cancel(a));
  CHECK_FALSE(heap.cancel(a));
  CHECK(heap.size() == 1);
}

TEST_CASE("cancel of an id never handed out returns false") {
  DeadlineHeap heap;
  CHECK_FALSE(heap.cancel(0));
  CHECK_FALSE(heap.cancel(12345));
  heap.add(1.0);
  CHECK_FALSE(heap.cancel(1));
  CHECK_FALSE(heap.cancel(UINT32_MAX));
  CHECK(heap.size() == 1);
}

TEST_CASE("ids are reused after their deadline fires or is cancelled") {
  DeadlineHeap heap;
  auto a = heap.add(1.0);
  auto b = heap.add(2.0);
  CHECK(a != b);
  CHECK(pop_due(heap, 1.0) == Ids{a});
  auto c = heap.add(3.0);
  CHECK(c == a);
  CHECK(heap.cancel(b));
  auto d = heap.add(4.0);
  CHECK(d == b);
  // Reused ids belong to their new deadlines.
  CHECK(pop_due(heap, 3.5) == Ids{c});
  CHECK(pop_due(heap, 4.0) == Ids{d});
  CHECK(heap.empty());
}

TEST_CASE("a due id is not reused until released: its taker keeps it while it enqueues") {
  DeadlineHeap heap;
  auto a = heap.add(1.0);
  auto b = heap.add(1.0);
  Ids due;
  heap.pop_due(1.0, due);
  REQUIRE(due == Ids{a, b});
  CHECK_FALSE(heap.cancel(a));  // (no longer pending)
  CHECK(heap.when(a) == std::nullopt);
  auto c = heap.add(2.0);
  CHECK(c != a);
  CHECK(c != b);
  heap.release(b);
  CHECK(heap.add(3.0) == b);
  heap.release(a);
  CHECK(heap.add(4.0) == a);
}

TEST_CASE("ids taken in bulk are not reused until released either") {
  DeadlineHeap heap;
  Ids added;
  for (int i = 0; i < 40000; ++i) added.push_back(heap.add(1.0));
  for (int i = 0; i < 10; ++i) heap.add(9.0);
  Ids due;
  heap.pop_due(1.0, due);  // (most of the heap: the bulk path)
  REQUIRE(due == added);
  auto fresh = heap.add(2.0);
  CHECK(std::find(added.begin(), added.end(), fresh) == added.end());
  heap.release(added[7]);
  CHECK(heap.add(3.0) == added[7]);
}

TEST_CASE("a reused id can be cancelled as its new deadline") {
  DeadlineHeap heap;
  auto a = heap.add(1.0);
  pop_due(heap, 1.0);
  auto b = heap.add(2.0);
  REQUIRE(b == a);
  CHECK(heap.cancel(b));
  CHECK(heap.empty());
}

TEST_CASE("pop_due leaves later deadlines pending") {
  DeadlineHeap heap;
  auto a = heap.add(1.0);
  auto b = heap.add(2.0);
  auto c = heap.add(2.0000001);
  CHECK(pop_due(heap, 0.5) == Ids{});
  CHECK(heap.size() == 3);
  CHECK(pop_due(heap, 2.0) == Ids{a, b});
  CHECK(heap.size() == 1);
  CHECK(heap.next() == 2.0000001);
  CHECK(pop_due(heap, 3.0) == Ids{c});
}

TEST_CASE("pop_due appends to what the vector already holds") {
  DeadlineHeap heap;
  auto a = heap.add(1.0);
  Ids due{999};
  heap.pop_due(1.0, due);
  CHECK(due == Ids{999, a});
}

TEST_CASE("next is the earliest pending deadline, or nothing when empty") {
  DeadlineHeap heap;
  CHECK(heap.next() == std::nullopt);
  auto a = heap.add(5.0);
  CHECK(heap.next() == 5.0);
  auto b = heap.add(3.0);
  CHECK(heap.next() == 3.0);
  heap.add(4.0);
  CHECK(heap.cancel(b));
  CHECK(heap.next() == 4.0);
  pop_due(heap, 4.0);
  CHECK(heap.next() == 5.0);
  CHECK(heap.cancel(a));
  CHECK(heap.next() == std::nullopt);
}

namespace {
void agrees_with_reference(std::uint32_t first_seq) {
  CAPTURE(first_seq);
  // The reference: a list of (when, seq, id) kept in firing order.
  struct Ref {
    double when;
    std::uint64_t seq;
    DeadlineHeap::Id id;
  };
  auto earlier = [](const Ref& a, const Ref& b) { return a.when < b.when || (a.when == b.when && a.seq < b.seq); };
  std::vector<Ref> ref;
  std::vector<DeadlineHeap::Id> gone;  // ids that fired or were cancelled and not yet reused
  DeadlineHeap heap(first_seq);
  std::mt19937 rng(20261121);
  std::uniform_int_distribution<int> op(0, 9);
  // Coarse times so ties are frequent.
  std::uniform_int_distribution<int> tick(0, 200);
  double now = 0;
  std::uint64_t seq = 0;

  for (int i = 0; i < 10000; ++i) {
    int o = op(rng);
    if (o < 5) {
      double when = now + tick(rng) * 0.25;
      auto id = heap.add(when);
      // The id is not in use by any pending entry.
      REQUIRE(std::none_of(ref.begin(), ref.end(), [&](const Ref& r) { return r.id == id; }));
      std::erase(gone, id);
      Ref r{when, seq++, id};
      ref.insert(std::upper_bound(ref.begin(), ref.end(), r, earlier), r);
    } else if (o < 7) {
      if (!ref.empty()) {
        std::size_t k = std::uniform_int_distribution<std::size_t>(0, ref.size() - 1)(rng);
        auto id = ref[k].id;
        REQUIRE(heap.cancel(id));
        ref.erase(ref.begin() + static_cast<std::ptrdiff_t>(k));
        gone.push_back(id);
      }
    } else if (o < 8) {
      if (!gone.empty()) {
        auto id = gone[std::uniform_int_distribution<std::size_t>(0, gone.size() - 1)(rng)];
        REQUIRE_FALSE(heap.cancel(id));
      }
    } else {
      now += tick(rng) * 0.1;
      Ids expected;
      while (!ref.empty() && ref.front().when <= now) {
        expected.push_back(ref.front().id);
        gone.push_back(ref.front().id);
        ref.erase(ref.begin());
      }
      REQUIRE(pop_due(heap, now) == expected);
    }
    REQUIRE(heap.size() == ref.size());
    REQUIRE(heap.empty() == ref.empty());
    if (ref.empty())
      REQUIRE(heap.next() == std::nullopt);
    else
      REQUIRE(heap.next() == ref.front().when);
  }
  // Drain what is left.
  Ids expected;
  for (const Ref& r : ref) expected.push_back(r.id);
  CHECK(pop_due(heap, 1e18) == expected);
  CHECK(heap.empty());
}
}  // namespace

TEST_CASE("the heap agrees with a sorted reference over 10000 random operations") { agrees_with_reference(0); }

TEST_CASE("the heap agrees with the reference across the renumbering at the end of its count") {
  // The heap's 32-bit count starts near its end: it renumbers midway.
  agrees_with_reference(UINT32_MAX - 2500u);
}

TEST_CASE("ties keep insertion order across the renumbering at the end of the count") {
  // Five adds before the count's end, the rest after: the pending entries
  // were renumbered in their order, and each id still names its entry.
  DeadlineHeap heap(UINT32_MAX - 5);
  auto late = heap.add(5.0);
  auto a = heap.add(2.0);
  auto gone = heap.add(2.0);
  auto b = heap.add(2.0);
  auto early = heap.add(1.0);
  CHECK(heap.cancel(gone));
  auto c = heap.add(2.0);  // the renumbering: early, a, b, late; then c (gone's id)
  auto d = heap.add(1.0);
  CHECK(heap.when(late) == 5.0);
  CHECK(heap.when(early) == 1.0);
  CHECK(heap.cancel(b));
  auto e = heap.add(2.0);
  CHECK(pop_due(heap, 1.0) == Ids{early, d});
  auto f = heap.add(2.0);
  CHECK(pop_due(heap, 2.0) == Ids{a, c, e, f});
  CHECK(pop_due(heap, 5.0) == Ids{late});
  CHECK(heap.empty());
}

TEST_CASE("next_id names the id the next add answers, a reused id included") {
  DeadlineHeap heap;
  for (int i = 0; i < 3; ++i) {
    auto expected = heap.next_id();
    CHECK(heap.add(1.0 + i) == expected);
  }
  auto b = heap.add(5.0);
  CHECK(heap.cancel(b));
  CHECK(heap.next_id() == b);
  CHECK(heap.add(6.0) == b);
  auto fresh = heap.next_id();
  CHECK(heap.add(7.0) == fresh);
  CHECK(fresh != b);
}

TEST_CASE("a large heap that mostly comes due at once pops in order, and stays a heap") {
  // pop_due takes a quarter or more of a large heap out in one pass (W3's
  // million sleepers); a tenth comes out one by one. Either way: the order
  // of (when, insertion), the ids freed in that order, the rest pending.
  for (const double share : {0.6, 0.1}) {
    CAPTURE(share);
    struct Ref {
      double when;
      std::uint64_t seq;
      DeadlineHeap::Id id;
    };
    auto earlier = [](const Ref& a, const Ref& b) { return a.when < b.when || (a.when == b.when && a.seq < b.seq); };
    DeadlineHeap heap;
    std::vector<Ref> ref;
    std::mt19937 rng(20261204);
    std::uniform_int_distribution<int> tick(0, 999);  // coarse: many ties
    for (std::uint64_t seq = 0; seq < 100000; ++seq) {
      const double when = tick(rng) / 1000.0;
      ref.push_back(Ref{when, seq, heap.add(when)});
    }
    // A tenth cancelled, spread over the heap.
    std::vector<DeadlineHeap::Id> cancelled;
    for (std::size_t i = 0; i < ref.size(); i += 10) {
      REQUIRE(heap.cancel(ref[i].id));
      cancelled.push_back(ref[i].id);
      ref[i].id = UINT32_MAX;
    }
    std::erase_if(ref, [](const Ref& r) { return r.id == UINT32_MAX; });
    std::sort(ref.begin(), ref.end(), earlier);
    const double now = share;  // whens are uniform in [0, 1)
    Ids expected;
    std::size_t k = 0;
    while (k < ref.size() && ref[k].when <= now) expected.push_back(ref[k++].id);
    REQUIRE(pop_due(heap, now) == expected);
    CHECK(heap.size() == ref.size() - k);
    CHECK(heap.next() == ref[k].when);
    // The last id freed is the next one handed out, as one by one.
    CHECK(heap.next_id() == expected.back());
    CHECK_FALSE(heap.cancel(expected.front()));
    CHECK(heap.cancel(ref[k].id));
    ref.erase(ref.begin() + static_cast<std::ptrdiff_t>(k));
    // New deadlines reuse the freed ids and take their places among the rest.
    std::uint64_t seq = 100000;
    for (int i = 0; i < 1000; ++i) {
      const double when = now + tick(rng) / 1000.0;
      const auto id = heap.add(when);
      Ref r{when, seq++, id};
      ref.insert(std::upper_bound(ref.begin() + static_cast<std::ptrdiff_t>(k), ref.end(), r, earlier), r);
    }
    Ids rest;
    for (std::size_t i = k; i < ref.size(); ++i) rest.push_back(ref[i].id);
    CHECK(pop_due(heap, 10.0) == rest);
    CHECK(heap.empty());
  }
}

TEST_CASE("a heap that gave back its room keeps the order of what it holds") {
  DeadlineHeap heap;
  for (int i = 0; i < 10000; ++i) heap.add(1.0 + i % 7);
  const auto late1 = heap.add(50.0);
  const auto late2 = heap.add(40.0);
  CHECK(pop_due(heap, 10.0).size() == 10000);
  heap.shrink_room();
  const auto early = heap.add(20.0);
  const auto tie = heap.add(40.0);
  CHECK(pop_due(heap, 100.0) == Ids{early, late2, tie, late1});
  CHECK(heap.empty());
}
