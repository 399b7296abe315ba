#include "lua/prefault.hpp"

#include <doctest/doctest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>

using luasync::Prefault;

namespace {

// How many of the pages of [p, p + n) are in memory (n a multiple of the
// page size, at most 64 pages: no allocation, see below).
std::size_t resident_pages(void* p, std::size_t n) {
  unsigned char v[128];
  if (n / 4096 > sizeof v || mincore(p, n, v) != 0) return SIZE_MAX;
  std::size_t in = 0;
  for (std::size_t i = 0; i < n / 4096; ++i) in += v[i] & 1;
  return in;
}

}  // namespace

TEST_CASE("prefault: a large block is in memory before it is touched") {
  const std::size_t n = 64 * 4096;
  void* p = mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(p != MAP_FAILED);
  CHECK(resident_pages(p, n) == 0);
  Prefault prefault;
  prefault.after_alloc(p, n, 1);  // large: populated whatever the peak
  CHECK(resident_pages(p, n) == n / 4096);
  munmap(p, n);
}

TEST_CASE("prefault: a small block below the peak does nothing; a new peak populates the heap up to the break") {
  Prefault prefault;
  const std::size_t n = 64 * 4096;
  // A mapping stands for a block above the break: never the heap's.
  void* p = mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(p != MAP_FAILED);
  prefault.after_alloc(p, 64, 1000);
  CHECK(resident_pages(p, n) == 0);
  munmap(p, n);
  // The heap: a block below the break, at a new peak, gets every page from
  // its own up to the break populated. Nothing may allocate while the break
  // is moved here (malloc would extend the heap past it): the counts are
  // taken first and checked after the break is back.
  const std::size_t page = 4096;
  auto* brk_before = static_cast<char*>(sbrk(0));
  REQUIRE(sbrk(static_cast<intptr_t>(n + page)) == brk_before);  // the heap grows by n + a page, untouched
  auto* block = reinterpret_cast<char*>((reinterpret_cast<std::uintptr_t>(brk_before) + page - 1) & ~(page - 1));
  const std::size_t span = static_cast<std::size_t>(brk_before + n + page - block) & ~(page - 1);
  const std::size_t at_first = resident_pages(block, span);
  prefault.after_alloc(block, 64, 500);  // below the peak of 1000: nothing
  const std::size_t below_peak = resident_pages(block, span);
  prefault.after_alloc(block, 64, 2000);
  const std::size_t at_new_peak = resident_pages(block, span);
  sbrk(-static_cast<intptr_t>(n + page));
  CHECK(at_first == 0);
  CHECK(below_peak == 0);
  CHECK(at_new_peak == span / page);
}
