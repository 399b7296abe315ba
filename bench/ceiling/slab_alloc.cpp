// The allocator of the ceiling programs for W1 and W3 (w1_ceiling.c,
// w3_ceiling.c), as luasync's (src/lua/state.cpp): blocks of up to 1 KiB
// from luasync's own slab heap (src/lua/slab_heap.cpp, compiled in by
// run.sh), larger ones from malloc. Without the memory limit, the startup
// arena and the prefault of malloc's pages: what they save is small beside a
// workload of a million blocks. Not part of luasync.
#include <cstdlib>

#include "lua/slab_heap.hpp"

using luasync::SlabHeap;

extern "C" void* host_slab_alloc(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
  static SlabHeap heap(128u << 20);
  (void)ud;
  const std::size_t old = ptr ? osize : 0;
  const bool was_small = old > 0 && SlabHeap::fits(old);
  if (nsize == 0) {
    if (was_small) {
      heap.give(ptr);
    } else {
      std::free(ptr);
    }
    return nullptr;
  }
  void* block = heap.resize(ptr, old, nsize, was_small);
  // Lua must not be refused a shrink; a benchmark that runs out of memory
  // has no figure to give anyway.
  if (block == nullptr && nsize < old) std::abort();
  return block;
}
