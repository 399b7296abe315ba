#pragma once

#include <cstddef>

namespace luasync {

// A cache of freed small blocks for the Lua state's allocator: sizes
// 1..136 bytes in eight classes (up to 24, 40, 56, ... 136 bytes), each a
// list of malloc blocks of its class's largest size, last freed first. The
// bounds are what glibc's malloc gives a request anyway (16-byte chunks
// with an 8-byte header), so sizing a block to its class costs no memory.
//
// Why: the objects a task switch makes and drops (a Queue.get coroutine
// object is ~60 bytes) cost glibc's malloc and free ~200 instructions a
// pair; taking one from a list and putting it back costs a tenth of that,
// and the block freed last is still in cache. W2 (bench/) runs ~7% faster.
//
// Invariants:
// - Every block is malloc's, with room for its class's size at least; a
//   block can always be given back to free().
// - A class stops keeping free blocks once it holds kCap bytes; give()
//   frees the others, so a peak of small objects does not pin memory.
// - cached() is the bytes held; the allocator counts them against the
//   memory limit and calls flush() before it refuses an allocation.
// Not thread-safe: one per Lua state, used by its allocator only.
class SmallBlocks {
 public:
  static constexpr std::size_t kSmallest = 24;  // class 0: 1..24 bytes
  static constexpr std::size_t kGrain = 16;     // each further class: 16 bytes more
  static constexpr std::size_t kClasses = 8;
  static constexpr std::size_t kLargest = kSmallest + kGrain * (kClasses - 1);
  static constexpr std::size_t kCap = 256 * 1024;

  SmallBlocks() = default;
  SmallBlocks(const SmallBlocks&) = delete;
  SmallBlocks& operator=(const SmallBlocks&) = delete;
  ~SmallBlocks() { flush(); }

  // Whether a block of n bytes (n > 0) is small.
  static bool fits(std::size_t n) { return n - 1 < kLargest; }
  static std::size_t size_class(std::size_t n) { return n <= kSmallest ? 0 : (n - kSmallest + kGrain - 1) / kGrain; }
  // The bytes a block for n bytes has (fits(n)).
  static std::size_t class_size(std::size_t n) { return kSmallest + size_class(n) * kGrain; }

  // A block for n bytes (fits(n)), or null when malloc fails.
  void* take(std::size_t n);
  // Frees or keeps a malloc block with room for class_size(n) bytes.
  void give(void* block, std::size_t n);
  // Frees every kept block.
  void flush();
  std::size_t cached() const { return cached_; }

 private:
  void* free_[kClasses] = {};  // each block's first word links to the next
  std::size_t bytes_[kClasses] = {};
  std::size_t cached_ = 0;
};

}  // namespace luasync
