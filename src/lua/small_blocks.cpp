#include "lua/small_blocks.hpp"

#include <cstdlib>

namespace luasync {

void* SmallBlocks::take(std::size_t n) {
  const std::size_t c = size_class(n);
  void* block = free_[c];
  if (block == nullptr) return std::malloc(class_size(n));
  free_[c] = *static_cast<void**>(block);
  bytes_[c] -= class_size(n);
  cached_ -= class_size(n);
  return block;
}

void SmallBlocks::give(void* block, std::size_t n) {
  const std::size_t c = size_class(n);
  if (bytes_[c] >= kCap) {
    std::free(block);
    return;
  }
  *static_cast<void**>(block) = free_[c];
  free_[c] = block;
  bytes_[c] += class_size(n);
  cached_ += class_size(n);
}

void SmallBlocks::flush() {
  for (std::size_t c = 0; c < kClasses; ++c) {
    while (void* block = free_[c]) {
      free_[c] = *static_cast<void**>(block);
      std::free(block);
    }
    bytes_[c] = 0;
  }
  cached_ = 0;
}

}  // namespace luasync
