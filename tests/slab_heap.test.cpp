#include "lua/slab_heap.hpp"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using luasync::SlabHeap;

namespace {
constexpr std::size_t kMiB = 1024 * 1024;
}

TEST_CASE("slab heap: 128 classes of 16 bytes, up to 2048") {
  CHECK_FALSE(SlabHeap::fits(0));
  CHECK(SlabHeap::fits(1));
  CHECK(SlabHeap::fits(1024));
  CHECK(SlabHeap::fits(1360));  // a task's stack grown once (85 slots)
  CHECK(SlabHeap::fits(2048));
  CHECK_FALSE(SlabHeap::fits(2049));
  CHECK(SlabHeap::size_class(1) == 0);
  CHECK(SlabHeap::size_class(16) == 0);
  CHECK(SlabHeap::size_class(17) == 1);
  CHECK(SlabHeap::size_class(1024) == 63);
  CHECK(SlabHeap::size_class(2048) == 127);
  CHECK(SlabHeap::class_size(1) == 16);
  CHECK(SlabHeap::class_size(208) == 208);
  CHECK(SlabHeap::class_size(209) == 224);
  CHECK(SlabHeap::class_size(720) == 720);
}

TEST_CASE("slab heap: a freed block is handed out next, for its class only") {
  SlabHeap heap(8 * kMiB);
  void* a = heap.take(50);
  void* b = heap.take(50);
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  CHECK(a != b);
  heap.give(a);
  void* other = heap.take(100);  // another class: a stays free
  CHECK(other != a);
  CHECK(heap.take(49) == a);  // same class (49..64), last freed first
  heap.give(a);
  heap.give(b);
  heap.give(other);
}

TEST_CASE("slab heap: blocks hold their class's size, 16-byte aligned, and never overlap") {
  SlabHeap heap(8 * kMiB);
  struct Taken {
    unsigned char* p;
    std::size_t size;
  };
  std::vector<Taken> taken;
  for (int round = 0; round < 300; ++round) {
    for (std::size_t c = 0; c < SlabHeap::kClasses; ++c) {
      const std::size_t n = (c + 1) * SlabHeap::kGrain - (round % 16);  // anywhere in the class
      auto* p = static_cast<unsigned char*>(heap.take(n));
      REQUIRE(p != nullptr);
      CHECK(reinterpret_cast<std::uintptr_t>(p) % 16 == 0);
      std::memset(p, static_cast<int>(taken.size() & 0xff), SlabHeap::class_size(n));
      taken.push_back({p, SlabHeap::class_size(n)});
    }
    // Every third block goes back, so later rounds reuse freed blocks.
    for (std::size_t i = taken.size() - SlabHeap::kClasses; i < taken.size(); i += 3) {
      heap.give(taken[i].p);
      taken[i].p = nullptr;
    }
  }
  // Each block still holds its own byte: no block overlapped another.
  for (std::size_t i = 0; i < taken.size(); ++i) {
    if (taken[i].p == nullptr) continue;
    for (std::size_t j = 0; j < taken[i].size; ++j) {
      if (taken[i].p[j] != (i & 0xff)) FAIL("block " << i << " was overwritten at byte " << j);
    }
  }
  CHECK(heap.mapped_bytes() > 2 * kMiB);  // it took more than one mapping
  for (auto& t : taken) {
    if (t.p != nullptr) heap.give(t.p);
  }
  CHECK(heap.empty_span_bytes() ==
        heap.span_bytes() - SlabHeap::kSpan * SlabHeap::kClasses);  // a span kept for each class
}

TEST_CASE("slab heap: a span whose blocks are all freed serves another class") {
  SlabHeap heap(8 * kMiB);
  // Two spans of 1024-byte blocks: 31 fit in a span with its 64-byte head.
  const std::size_t per_span = (SlabHeap::kSpan - 64) / 1024;
  std::vector<void*> big;
  for (std::size_t i = 0; i < 2 * per_span; ++i) big.push_back(heap.take(1024));
  CHECK(heap.span_bytes() == 2 * SlabHeap::kSpan);
  CHECK(heap.used_span_bytes() == 2 * SlabHeap::kSpan);
  for (void* p : big) heap.give(p);
  // The first span of the class's list is kept for it; the other is empty.
  CHECK(heap.empty_span_bytes() == SlabHeap::kSpan);
  CHECK(heap.used_span_bytes() == SlabHeap::kSpan);
  CHECK_FALSE(heap.has_room(16));  // no span of 16-byte blocks yet
  void* small = heap.take(16);
  CHECK(heap.span_bytes() == 2 * SlabHeap::kSpan);  // the empty span, not a new one
  CHECK(heap.empty_span_bytes() == 0);
  CHECK(heap.has_room(16));
  heap.give(small);
}

TEST_CASE("slab heap: a full span goes back on its class's list when a block is freed") {
  SlabHeap heap(8 * kMiB);
  const std::size_t per_span = (SlabHeap::kSpan - 64) / 512;
  std::vector<void*> blocks;
  for (std::size_t i = 0; i < per_span; ++i) blocks.push_back(heap.take(512));
  void* next = heap.take(512);  // a second span
  CHECK(heap.span_bytes() == 2 * SlabHeap::kSpan);
  heap.give(blocks[3]);  // the first span has room again
  CHECK(heap.take(512) == blocks[3]);
  CHECK(heap.span_bytes() == 2 * SlabHeap::kSpan);
  heap.give(next);
  for (void* p : blocks) heap.give(p);
}

TEST_CASE("slab heap: mappings grow by doubling up to the most it is given") {
  SlabHeap heap(4 * kMiB);
  std::vector<void*> blocks;
  // 20 MiB of 1024-byte blocks: mappings of 2, 2, 4, 4, 4, 4 MiB.
  while (heap.span_bytes() < 20 * kMiB) blocks.push_back(heap.take(1000));
  CHECK(heap.mapped_bytes() == 20 * kMiB);
  for (void* p : blocks) heap.give(p);
}

TEST_CASE("slab heap: under an address-space limit it maps what is left, then answers null") {
  // In a child process: the limit is the address space in use now plus 3 MiB,
  // so a 2 MiB mapping with its 2 MiB spare for alignment cannot be made,
  // and one without the spare can, once.
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    long pages = 0;
    if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
      if (std::fscanf(statm, "%ld", &pages) != 1) pages = 0;
      std::fclose(statm);
    }
    const rlimit limit{static_cast<rlim_t>(pages) * 4096 + 3 * kMiB, RLIM_INFINITY};
    if (pages == 0 || setrlimit(RLIMIT_AS, &limit) != 0) _exit(2);
    SlabHeap heap(64 * kMiB);
    std::size_t taken = 0;
    while (void* p = heap.take(1024)) {
      std::memset(p, 0x5a, 1024);
      taken += 1024;
    }
    // 2 MiB (less a partial span where mmap's address was not a span's),
    // less the spans' heads and tails.
    _exit(taken >= 2 * kMiB - 3 * SlabHeap::kSpan && heap.mapped_bytes() <= 2 * kMiB ? 0 : 1);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

namespace {
// Of the pages that hold the given blocks, the bytes the kernel has faulted in.
std::size_t resident_bytes(const std::vector<void*>& blocks) {
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  std::vector<std::uintptr_t> pages;
  for (void* p : blocks) pages.push_back(reinterpret_cast<std::uintptr_t>(p) & ~(page - 1));
  std::sort(pages.begin(), pages.end());
  pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
  std::size_t resident = 0;
  for (std::uintptr_t p : pages) {
    unsigned char in = 0;
    REQUIRE(mincore(reinterpret_cast<void*>(p), page, &in) == 0);
    if (in & 1) resident += page;
  }
  return resident;
}

// Takes blocks of n bytes until the heap has `bytes` in spans, each block
// filled with its index's low byte.
std::vector<void*> fill(SlabHeap& heap, std::size_t n, std::size_t bytes) {
  std::vector<void*> blocks;
  while (heap.used_span_bytes() < bytes) {
    void* p = heap.take(n);
    REQUIRE(p != nullptr);
    std::memset(p, static_cast<int>(blocks.size() & 0xff), SlabHeap::class_size(n));
    blocks.push_back(p);
  }
  return blocks;
}

bool intact(const std::vector<void*>& blocks, std::size_t n) {
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i] == nullptr) continue;
    const auto* p = static_cast<const unsigned char*>(blocks[i]);
    for (std::size_t j = 0; j < SlabHeap::class_size(n); ++j) {
      if (p[j] != (i & 0xff)) return false;
    }
  }
  return true;
}
}  // namespace

TEST_CASE("slab heap: empty spans beyond the floor and what is in use go back to the kernel, 2 MiB at a time") {
  SlabHeap heap(8 * kMiB, 4 * kMiB);
  std::vector<void*> blocks = fill(heap, 1000, 40 * kMiB);
  const std::vector<void*> all = blocks;
  CHECK(heap.released_bytes() == 0);
  CHECK(resident_bytes(all) >= 40 * kMiB - 64 * 1024);
  // Nine blocks in ten go: what is in use is a tenth, but every span keeps
  // a block, and none is empty.
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i % 10 != 0) {
      heap.give(blocks[i]);
      blocks[i] = nullptr;
    }
  }
  CHECK(heap.released_bytes() == 0);
  CHECK(heap.invariants_hold());
  const std::size_t spans = heap.span_bytes();
  for (void* p : blocks) {
    if (p != nullptr) heap.give(p);
  }
  CHECK(heap.invariants_hold());
  // Kept: the floor's 4 MiB of empty spans, the span kept for the class,
  // the newest mapping's region (not all cut); the rest went, in whole
  // regions.
  CHECK(heap.empty_span_bytes() <= 4 * kMiB);
  CHECK(heap.released_bytes() >= spans - 4 * kMiB - 2 * 2 * kMiB);
  CHECK(heap.released_bytes() % (2 * kMiB) == 0);
  CHECK(heap.span_bytes() + heap.released_bytes() == spans);
  // And the kernel agrees: the pages given back are no longer resident.
  CHECK(resident_bytes(all) <= heap.span_bytes());
}

TEST_CASE("slab heap: spans given back are taken back before new ones are cut, and hold blocks as before") {
  SlabHeap heap(8 * kMiB, 4 * kMiB);
  std::vector<void*> first = fill(heap, 700, 30 * kMiB);
  const std::size_t mapped = heap.mapped_bytes();
  const std::size_t spans = heap.span_bytes();
  for (void* p : first) heap.give(p);
  REQUIRE(heap.released_bytes() > 20 * kMiB);
  // Another class, as much again: no new mapping, nothing left given back.
  std::vector<void*> second = fill(heap, 1500, 30 * kMiB);
  CHECK(heap.mapped_bytes() == mapped);
  CHECK(heap.released_bytes() == 0);
  CHECK(heap.span_bytes() >= spans);
  CHECK(heap.invariants_hold());
  CHECK(intact(second, 1500));  // no block overlaps another, none reads zeros
  CHECK(resident_bytes(second) >= 30 * kMiB - 64 * 1024);
  for (void* p : second) heap.give(p);
  CHECK(heap.invariants_hold());
}

TEST_CASE("slab heap: cycles of take, give, give back and take back keep every invariant") {
  SlabHeap heap(4 * kMiB, 2 * kMiB);
  std::uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  struct Taken {
    unsigned char* p;
    std::size_t size;
    unsigned char mark;
  };
  std::vector<Taken> taken;
  bool released = false, taken_back = false;
  for (int round = 0; round < 6; ++round) {
    const std::size_t released_before = heap.released_bytes();
    // Grow to 12 - 22 MiB of blocks of every class, then let most or all
    // of them go, in an order unlike the one they came in.
    const std::size_t goal = (12 + 2 * round) * kMiB;
    while (heap.used_span_bytes() < goal) {
      const std::size_t n = 1 + next() % SlabHeap::kLargest;
      auto* p = static_cast<unsigned char*>(heap.take(n));
      REQUIRE(p != nullptr);
      const auto mark = static_cast<unsigned char>(next());
      std::memset(p, mark, SlabHeap::class_size(n));
      taken.push_back({p, SlabHeap::class_size(n), mark});
    }
    CHECK(heap.invariants_hold());
    taken_back = taken_back || heap.released_bytes() < released_before;
    const std::size_t keep_one_in = round % 2 == 0 ? 50 : taken.size() + 1;
    for (std::size_t i = 0; i < taken.size(); ++i) {
      std::swap(taken[i], taken[i + next() % (taken.size() - i)]);
    }
    std::vector<Taken> kept;
    for (std::size_t i = 0; i < taken.size(); ++i) {
      if (i % keep_one_in == 0) {
        kept.push_back(taken[i]);
      } else {
        heap.give(taken[i].p);
      }
    }
    taken.swap(kept);
    CHECK(heap.invariants_hold());
    released = released || heap.released_bytes() > 0;
    for (const Taken& t : taken) {
      for (std::size_t j = 0; j < t.size; ++j) {
        if (t.p[j] != t.mark) FAIL("a block kept was overwritten at byte " << j);
      }
    }
  }
  CHECK(released);
  CHECK(taken_back);
  // The most a round held (22 MiB in spans) and a mapping's step: spans
  // given back were taken back, not cut anew each round.
  CHECK(heap.mapped_bytes() <= 26 * kMiB);
  for (const Taken& t : taken) heap.give(t.p);
  CHECK(heap.invariants_hold());
}

namespace {

// How many of the 4 KiB pages of [p, p + n) are in memory.
std::size_t resident_pages(std::uintptr_t p, std::size_t n) {
  std::vector<unsigned char> v(n / 4096);
  if (mincore(reinterpret_cast<void*>(p), n, v.data()) != 0) return SIZE_MAX;
  return static_cast<std::size_t>(std::count_if(v.begin(), v.end(), [](unsigned char c) { return (c & 1) != 0; }));
}

// The VmFlags line of the mapping of /proc/self/smaps that holds p.
std::string vm_flags_of(const void* p) {
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  FILE* f = std::fopen("/proc/self/smaps", "r");
  if (f == nullptr) return "";
  char line[512];
  bool inside = false;
  std::string flags;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    unsigned long lo = 0, hi = 0;
    if (std::sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && std::strchr(line, '-') < std::strchr(line, ' ')) {
      inside = lo <= at && at < hi;
    } else if (inside && std::strncmp(line, "VmFlags:", 8) == 0) {
      flags = line + 8;
      break;
    }
  }
  std::fclose(f);
  return flags;
}

bool has_flag(const std::string& flags, const char* flag) {
  return (" " + flags + " ").find(std::string(" ") + flag + " ") != std::string::npos;
}

}  // namespace

TEST_CASE("slab heap: beyond its first mapping, pages ahead of the spans cut are faulted in by another thread") {
  SlabHeap heap(64 * kMiB);
  std::vector<void*> blocks;
  // Mappings of 2, 2, 4 and 8 MiB: the first block of the 8 MiB one.
  while (heap.mapped_bytes() < 16 * kMiB) blocks.push_back(heap.take(1000));
  const auto first = reinterpret_cast<std::uintptr_t>(blocks.back()) & ~(SlabHeap::kSpan - 1);
  // Here only its first 2 MiB were faulted in; the filler goes on to 8 MiB
  // ahead (the mapping's end) without a block more being taken.
  const std::uintptr_t ahead = first + 6 * kMiB;
  std::size_t in = 0;
  for (int i = 0; i < 400 && in < 256; ++i) {
    in = resident_pages(ahead, kMiB);
    if (in < 256) usleep(5000);
  }
  CHECK(in == 256);
  for (void* p : blocks) heap.give(p);
  CHECK(heap.invariants_hold());
}

TEST_CASE("slab heap: once a huge page is slow to fault in, the rest of the heap takes small pages") {
  std::vector<void*> blocks;
  SUBCASE("huge pages while they are fast") {
    SlabHeap heap(64 * kMiB);
    heap.set_slow_huge_threshold(1'000'000'000);
    while (heap.mapped_bytes() < 8 * kMiB) blocks.push_back(heap.take(1000));
    const std::string flags = vm_flags_of(blocks.back());
    MESSAGE("VmFlags of the third mapping:", flags);
    // Without transparent huge pages in the kernel there is no flag to see.
    if (std::FILE* thp = std::fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r")) {
      std::fclose(thp);
      CHECK(has_flag(flags, "hg"));
    }
    for (void* p : blocks) heap.give(p);
  }
  SUBCASE("small pages once one was slow") {
    SlabHeap heap(64 * kMiB);
    heap.set_slow_huge_threshold(0);
    while (heap.mapped_bytes() < 8 * kMiB) blocks.push_back(heap.take(1000));
    const std::string flags = vm_flags_of(blocks.back());
    MESSAGE("VmFlags of the third mapping:", flags);
    CHECK(!has_flag(flags, "hg"));
    for (void* p : blocks) heap.give(p);
  }
}

TEST_CASE("slab heap: a child forked while the filler runs grows and frees its heap without the parent's thread") {
  auto* heap = new SlabHeap(64 * kMiB);
  std::vector<void*> blocks;
  while (heap->mapped_bytes() < 16 * kMiB) blocks.push_back(heap->take(1000));  // the filler started
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child has no filler thread: it faults its pages in itself, and
    // its heap's end does not wait for a thread that is not there.
    std::vector<void*> more;
    while (heap->mapped_bytes() < 64 * kMiB) more.push_back(heap->take(1000));
    const bool held = heap->invariants_hold();
    for (void* p : more) heap->give(p);
    delete heap;
    _exit(held ? 0 : 1);
  }
  int status = -1;
  for (int i = 0; i < 500 && waitpid(child, &status, WNOHANG) == 0; ++i) usleep(10000);
  if (waitpid(child, &status, WNOHANG) == 0) {
    kill(child, SIGKILL);
    waitpid(child, &status, 0);
    FAIL("the child hung");
  }
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  for (void* p : blocks) heap->give(p);
  delete heap;
}
