#include "lua/small_blocks.hpp"

#include <cstdlib>

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#else
#define ASAN_POISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#define ASAN_UNPOISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#endif

namespace luasync {

namespace {
// A chunk starts with the link to the previous chunk, padded to a grain so
// that the blocks after it stay 16-byte aligned, as malloc's are.
constexpr std::size_t kHeader = SmallBlocks::kGrain;
}  // namespace

SmallBlocks::~SmallBlocks() {
  while (chunks_ != nullptr) {
    ASAN_UNPOISON_MEMORY_REGION(chunks_, kChunk);
    void* prev = *static_cast<void**>(chunks_);
    std::free(chunks_);
    chunks_ = prev;
  }
}

void* SmallBlocks::take(std::size_t n) {
  const std::size_t c = size_class(n);
  const std::size_t size = (c + 1) * kGrain;
  if (void* block = free_[c]) {
    ASAN_UNPOISON_MEMORY_REGION(block, size);
    free_[c] = *static_cast<void**>(block);
    return block;
  }
  if (left_ < size) {
    // The old chunk's tail (< 128 bytes) is dropped.
    void* chunk = std::malloc(kChunk);
    if (chunk == nullptr) return nullptr;
    *static_cast<void**>(chunk) = chunks_;
    chunks_ = chunk;
    next_ = static_cast<char*>(chunk) + kHeader;
    left_ = kChunk - kHeader;
    ASAN_POISON_MEMORY_REGION(next_, left_);
  }
  void* block = next_;
  next_ += size;
  left_ -= size;
  ASAN_UNPOISON_MEMORY_REGION(block, size);
  return block;
}

void SmallBlocks::give(void* block, std::size_t n) {
  const std::size_t c = size_class(n);
  *static_cast<void**>(block) = free_[c];
  free_[c] = block;
  ASAN_POISON_MEMORY_REGION(block, (c + 1) * kGrain);
}

}  // namespace luasync
