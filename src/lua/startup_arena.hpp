#pragma once
#include <cstddef>
#include <cstdint>

namespace luasync {

// The first blocks of the Lua state: one mapping, populated in one call,
// that its allocator carves blocks from, in order, while there is room. What
// a program allocates first is the runtime itself (its modules' functions,
// constants and tables: ~270 KB for `luasync -e ''`), nearly
// all of it alive until the state closes.
//
// Why: malloc and free, one block at a time, were a fifth of the
// instructions of a run of `luasync -e ''` (bench W6), the heap it grew
// page by page a hundred page faults (~13 us each on the project's VM), and
// lua_close gave it all back block by block.
//
// Invariants:
// - A block is never given back on its own: one freed, or moved out by a
//   realloc, stays unused until the arena goes (with the state, after
//   lua_close). So the arena wastes at most its size, once.
// - Blocks are 16-byte aligned, as malloc's are.
// Not thread-safe: one per Lua state, used by its allocator only.
class StartupArena {
 public:
  // size 0: no arena (take always fails). A mapping that cannot be made is
  // no arena either.
  explicit StartupArena(std::size_t size);
  ~StartupArena();
  StartupArena(const StartupArena&) = delete;
  StartupArena& operator=(const StartupArena&) = delete;

  // A block of n > 0 bytes, or null when the arena has no room left.
  void* take(std::size_t n) {
    const std::size_t rounded = (n + 15) & ~std::size_t{15};
    if (rounded > end_ - next_) return nullptr;
    void* block = reinterpret_cast<void*>(next_);
    next_ += rounded;
    return block;
  }
  // Whether p is a block of the arena.
  bool owns(const void* p) const {
    const auto a = reinterpret_cast<std::uintptr_t>(p);
    return a >= base_ && a < end_;
  }

 private:
  std::uintptr_t base_ = 0, next_ = 0, end_ = 0;
};

}  // namespace luasync
