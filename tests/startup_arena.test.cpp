#include "lua/startup_arena.hpp"

#include <doctest/doctest.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

using luasync::StartupArena;

TEST_CASE("startup arena: blocks in order, 16-byte aligned, until it is full") {
  StartupArena arena(64 * 1024);
  char* a = static_cast<char*>(arena.take(1));
  char* b = static_cast<char*>(arena.take(24));
  char* c = static_cast<char*>(arena.take(40));
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  REQUIRE(c != nullptr);
  CHECK(reinterpret_cast<std::uintptr_t>(a) % 16 == 0);
  CHECK(b == a + 16);
  CHECK(c == b + 32);
  CHECK(arena.owns(a));
  CHECK(arena.owns(c + 39));
  std::memset(c, 0x5a, 40);  // writable
  // What is left is taken whole; then nothing more.
  const std::size_t left = 64 * 1024 - 16 - 32 - 48;
  CHECK(arena.take(left + 1) == nullptr);
  char* last = static_cast<char*>(arena.take(left));
  REQUIRE(last != nullptr);
  CHECK(arena.owns(last + left - 1));
  CHECK_FALSE(arena.owns(last + left));
  CHECK(arena.take(1) == nullptr);
}

TEST_CASE("startup arena: owns none of malloc's blocks, nor null") {
  StartupArena arena(4096);
  void* m = std::malloc(32);
  CHECK_FALSE(arena.owns(m));
  CHECK_FALSE(arena.owns(nullptr));
  std::free(m);
}

TEST_CASE("startup arena: size 0 is no arena") {
  StartupArena arena(0);
  CHECK(arena.take(16) == nullptr);
  CHECK_FALSE(arena.owns(nullptr));
}

TEST_CASE("startup arena: its pages are in memory before they are touched") {
  const std::size_t n = 32 * 4096;
  StartupArena arena(n);
  void* p = arena.take(n);
  REQUIRE(p != nullptr);
  unsigned char v[32];
  REQUIRE(mincore(p, n, v) == 0);
  int in = 0;
  for (unsigned char x : v) in += x & 1;
  CHECK(in == 32);
}
