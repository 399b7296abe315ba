#pragma once
#include <cstddef>
#include <cstdint>

namespace luasync {

// Faults in, with one call each, the pages the Lua state's allocator gets
// from the kernel: the heap's new top when malloc moves the break, and a
// large block (malloc maps those apart). Touched one at a time, each page is
// a page fault; in a virtual machine each costs ~13 µs (bench/RESULTS.md,
// W6): the runtime's startup heap alone is ~70 of them. The pages are about
// to be written anyway (Lua initialises what it allocates), so nothing is
// committed that would not be.
// Not thread-safe: one per Lua state, used by its allocator only.
class Prefault {
 public:
  // After malloc or realloc gave `block` of `size` bytes, the state then
  // holding `used` bytes. Below the most it ever held, the heap has the
  // pages already (give or take fragmentation): nothing to do, which keeps
  // the cost off a program that runs in steady state (W2).
  void after_alloc(void* block, std::size_t size, std::size_t used) {
    if (used > peak_ || size >= kLarge) grew(block, size, used);
  }

  // malloc's default mmap threshold: blocks this large are mappings of
  // their own.
  static constexpr std::size_t kLarge = 128 * 1024;

 private:
  void grew(void* block, std::size_t size, std::size_t used);

  std::uintptr_t populated_ = 0;  // the heap is populated below this address
  std::size_t peak_ = 0;          // the most the state held
};

}  // namespace luasync
