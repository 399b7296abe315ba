#include "lua/startup_arena.hpp"

#include <sys/mman.h>

namespace luasync {

StartupArena::StartupArena(std::size_t size) {
  if (size == 0) return;
  // MAP_POPULATE: the pages are written at once anyway (Lua initialises what
  // it allocates); one call costs a fraction of their faults.
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (p == MAP_FAILED) return;
  base_ = next_ = reinterpret_cast<std::uintptr_t>(p);
  end_ = base_ + size;
}

StartupArena::~StartupArena() {
  if (base_ != 0) munmap(reinterpret_cast<void*>(base_), end_ - base_);
}

}  // namespace luasync
