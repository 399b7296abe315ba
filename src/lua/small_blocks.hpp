#pragma once

#include <cstddef>

namespace luasync {

// Free lists for the Lua state's small blocks: sizes 1..128 bytes in eight
// classes of 16 bytes, carved from 64 KiB chunks. LuaState's allocator
// serves every block of that size from here and the rest from malloc.
//
// Why: the objects a task switch makes and drops (a Queue.get coroutine
// object is ~60 bytes) cost glibc's malloc and free ~200 instructions a
// pair; a free list costs a tenth of that and hands back the block freed
// last, still in cache. W2 (bench/) runs ~7% faster.
//
// Invariants:
// - A block handed out for class c has room for (c + 1) * 16 bytes, and
//   goes back to class c's list when freed (the caller gives its size).
// - Blocks stay in the lists until the pool is destroyed, which frees the
//   chunks: only after lua_close. So the memory of a peak of small objects
//   is kept for reuse, not returned to malloc.
// - Under AddressSanitizer the free blocks are poisoned, so a use after free
//   is still reported.
// Not thread-safe: one pool per Lua state, used by its allocator only.
class SmallBlocks {
 public:
  static constexpr std::size_t kGrain = 16;
  static constexpr std::size_t kClasses = 8;
  static constexpr std::size_t kLargest = kGrain * kClasses;

  SmallBlocks() = default;
  SmallBlocks(const SmallBlocks&) = delete;
  SmallBlocks& operator=(const SmallBlocks&) = delete;
  ~SmallBlocks();

  // Whether a block of n bytes (n > 0) belongs here.
  static bool fits(std::size_t n) { return n - 1 < kLargest; }
  static std::size_t size_class(std::size_t n) { return (n - 1) / kGrain; }

  // A block for n bytes (fits(n)), or null when malloc fails.
  void* take(std::size_t n);
  // Returns a block that take(m) gave, with size_class(m) == size_class(n),
  // or any block with room for at least size_class(n)'s size.
  void give(void* block, std::size_t n);

 private:
  static constexpr std::size_t kChunk = 64 * 1024;
  void* free_[kClasses] = {};
  char* next_ = nullptr;    // the unused tail of the newest chunk
  std::size_t left_ = 0;    // its size
  void* chunks_ = nullptr;  // every chunk, linked through its first word
};

}  // namespace luasync
