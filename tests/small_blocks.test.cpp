#include "lua/small_blocks.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <set>
#include <vector>

using luasync::SmallBlocks;

TEST_CASE("small blocks: sizes 1..128 in eight classes of 16 bytes") {
  CHECK_FALSE(SmallBlocks::fits(0));
  CHECK(SmallBlocks::fits(1));
  CHECK(SmallBlocks::fits(128));
  CHECK_FALSE(SmallBlocks::fits(129));
  CHECK(SmallBlocks::size_class(1) == 0);
  CHECK(SmallBlocks::size_class(16) == 0);
  CHECK(SmallBlocks::size_class(17) == 1);
  CHECK(SmallBlocks::size_class(128) == 7);
}

TEST_CASE("small blocks: a freed block is handed out next for its class only") {
  SmallBlocks pool;
  void* a = pool.take(40);
  void* b = pool.take(40);
  CHECK(a != b);
  pool.give(a, 40);
  void* other = pool.take(100);  // another class: a stays free
  CHECK(other != a);
  CHECK(pool.take(33) == a);  // same class (33..48), last freed first
  pool.give(b, 48);
  pool.give(other, 100);
  pool.give(a, 33);
}

TEST_CASE("small blocks: blocks are aligned, distinct and hold their class's size, across chunks") {
  SmallBlocks pool;
  struct Taken {
    unsigned char* p;
    std::size_t size;
  };
  std::vector<Taken> taken;
  // 2,000 blocks of every class: about 1 MiB, so many 64 KiB chunks.
  for (int round = 0; round < 2000; ++round) {
    for (std::size_t n = 16; n <= SmallBlocks::kLargest; n += 16) {
      auto* p = static_cast<unsigned char*>(pool.take(n - round % 16));
      REQUIRE(p != nullptr);
      CHECK(reinterpret_cast<std::uintptr_t>(p) % 16 == 0);
      std::memset(p, static_cast<int>(taken.size() & 0xff), n);  // the whole class size
      taken.push_back({p, n});
    }
  }
  std::set<unsigned char*> distinct;
  bool intact = true;
  for (std::size_t i = 0; i < taken.size(); ++i) {
    distinct.insert(taken[i].p);
    for (std::size_t j = 0; j < taken[i].size; ++j) intact = intact && taken[i].p[j] == (i & 0xff);
  }
  CHECK(distinct.size() == taken.size());
  CHECK(intact);  // no block overlaps another
  for (const Taken& t : taken) pool.give(t.p, t.size);
  // All freed: taking them again reuses blocks rather than new chunks.
  std::set<unsigned char*> again;
  for (std::size_t i = 0; i < 2000; ++i) again.insert(static_cast<unsigned char*>(pool.take(128)));
  std::size_t reused = 0;
  for (unsigned char* p : again) reused += distinct.count(p);
  CHECK(reused == 2000);
}
