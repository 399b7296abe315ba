#include "lua/prefault.hpp"

#include <sys/mman.h>
#include <unistd.h>

namespace luasync {

namespace {

constexpr std::uintptr_t kPage = 4096;

// Errors are ignored: a kernel without MADV_POPULATE_WRITE (before 5.14)
// faults the pages in as they are touched, as it would anyway.
void populate(std::uintptr_t from, std::uintptr_t to) {
  from &= ~(kPage - 1);
  to = (to + kPage - 1) & ~(kPage - 1);
  if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);
}

}  // namespace

void Prefault::grew(void* block, std::size_t size, std::size_t used) {
  if (used > peak_) peak_ = used;
  const auto start = reinterpret_cast<std::uintptr_t>(block);
  if (size >= kLarge) {
    populate(start, start + size);
    return;
  }
  const auto brk = reinterpret_cast<std::uintptr_t>(sbrk(0));
  if (start >= brk) return;                // not from the heap below the break
  if (populated_ > brk) populated_ = brk;  // the heap was trimmed
  if (populated_ == brk) return;
  populate(populated_ != 0 && populated_ <= start ? populated_ : start, brk);
  populated_ = brk;
}

}  // namespace luasync
