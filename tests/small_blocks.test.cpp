#include "lua/small_blocks.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <set>
#include <vector>

using luasync::SmallBlocks;

TEST_CASE("small blocks: sizes 1..136 in eight classes, up to 24, 40, ... 136 bytes") {
  CHECK_FALSE(SmallBlocks::fits(0));
  CHECK(SmallBlocks::fits(1));
  CHECK(SmallBlocks::fits(136));
  CHECK_FALSE(SmallBlocks::fits(137));
  CHECK(SmallBlocks::size_class(1) == 0);
  CHECK(SmallBlocks::size_class(24) == 0);
  CHECK(SmallBlocks::size_class(25) == 1);
  CHECK(SmallBlocks::size_class(40) == 1);
  CHECK(SmallBlocks::size_class(41) == 2);
  CHECK(SmallBlocks::size_class(136) == 7);
  CHECK(SmallBlocks::class_size(1) == 24);
  CHECK(SmallBlocks::class_size(33) == 40);
  CHECK(SmallBlocks::class_size(136) == 136);
}

TEST_CASE("small blocks: a freed block is handed out next for its class only") {
  SmallBlocks pool;
  void* a = pool.take(50);
  void* b = pool.take(50);
  REQUIRE(a != nullptr);
  CHECK(a != b);
  pool.give(a, 50);
  CHECK(pool.cached() == 56);
  void* other = pool.take(100);  // another class: a stays free
  CHECK(other != a);
  CHECK(pool.take(41) == a);  // same class (41..56), last freed first
  CHECK(pool.cached() == 0);
  pool.give(b, 56);
  pool.give(other, 100);
  pool.give(a, 41);
  CHECK(pool.cached() == 56 + 104 + 56);
  pool.flush();
  CHECK(pool.cached() == 0);
  void* fresh = pool.take(50);  // from malloc: the freed ones are gone
  CHECK(fresh != nullptr);
  pool.give(fresh, 50);
}

TEST_CASE("small blocks: blocks hold their class's size and never overlap") {
  SmallBlocks pool;
  struct Taken {
    unsigned char* p;
    std::size_t size;
  };
  std::vector<Taken> taken;
  for (int round = 0; round < 500; ++round) {
    for (std::size_t c = 0; c < SmallBlocks::kClasses; ++c) {
      const std::size_t n = SmallBlocks::kSmallest + c * SmallBlocks::kGrain;  // the class's largest size
      auto* p = static_cast<unsigned char*>(pool.take(n - round % (c == 0 ? 24 : 16)));
      REQUIRE(p != nullptr);
      CHECK(reinterpret_cast<std::uintptr_t>(p) % alignof(std::max_align_t) == 0);
      std::memset(p, static_cast<int>(taken.size() & 0xff), n);  // the whole class size
      taken.push_back({p, n});
    }
    if (round % 3 == 0) {  // give some back, so later rounds reuse them
      pool.give(taken.back().p, taken.back().size);
      taken.pop_back();
    }
  }
  std::set<unsigned char*> distinct;
  bool intact = true;
  for (std::size_t i = 0; i < taken.size(); ++i) {
    distinct.insert(taken[i].p);
    for (std::size_t j = 0; j < taken[i].size; ++j) intact = intact && taken[i].p[j] == (i & 0xff);
  }
  CHECK(distinct.size() == taken.size());
  CHECK(intact);
  for (const Taken& t : taken) pool.give(t.p, t.size);
}

TEST_CASE("small blocks: a class keeps at most kCap bytes; the rest is freed") {
  SmallBlocks pool;
  const std::size_t n = 72;  // a class's largest size
  const std::size_t count = 2 * SmallBlocks::kCap / n;
  std::vector<void*> blocks;
  for (std::size_t i = 0; i < count; ++i) blocks.push_back(pool.take(n));
  for (void* b : blocks) pool.give(b, n);
  const std::size_t kept = pool.cached();
  CHECK(kept >= SmallBlocks::kCap);
  CHECK(kept < SmallBlocks::kCap + n);
  pool.give(std::malloc(24), 24);  // other classes have their own room
  CHECK(pool.cached() == kept + 24);
}
