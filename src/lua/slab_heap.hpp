#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "lua/page_filler.hpp"

namespace luasync {

// Where the Lua state's small blocks (1..2048 bytes) live: 128 classes of 16
// bytes each (16, 32, ... 2048), each block carved from a span of 32 KiB
// that holds blocks of one class only; the spans are cut, in order, from
// mappings of 2 MiB and more, aligned to 2 MiB and offered to the kernel for
// huge pages. No block has a header: Lua gives the size of every block it
// frees or resizes, and the size says the class; a block's span is its
// address rounded down to 32 KiB, and the span's first 64 bytes say what
// the span holds.
//
// Why: a program of many tasks is made of small blocks (a sleeping task:
// its coroutine's state 208 bytes, its stack 720, a table, a closure, an
// op), and with all of them alive at once (bench W1, W3) the time went to
// malloc's bookkeeping (~17%), to faulting and zeroing 4 KiB pages one at a
// time (~17%), and to TLB misses on a heap of a million scattered pages.
// Here a block costs a pop or a bump and carries no 8-byte header, and
// beyond its first 2 MiB the heap grows 2 MiB at a time, in one huge page
// where the kernel has them (transparent huge pages in `madvise` or
// `always` mode; otherwise 512 small pages faulted in by one call), faulted
// in ahead of use by a thread (PageFiller) so that a fast-growing heap's
// page faults run beside Lua, not in its way. A huge page that is slow to
// fault in (a virtual machine's host made it anew: 1 - 30 ms against 0.08 ms)
// turns the rest of the heap to small pages, which such a host gives faster.
// Blocks up to 2 KiB, not 1: a task's stack grows once past its first 720
// bytes (to 1,360: a cancelled task's message handler needs the slots, and
// so does user code a few calls deep), and each such stack went to malloc
// (bench/cancel_many.lua: 6.4 - 6.9 -> 5.4 - 6.4 us a cancellation).
//
// Giving back. Every 2 MiB of a mapping is a region (the last one of a
// mapping made unaligned may be shorter). When the empty spans' bytes exceed
// both keep (64 MiB) and the bytes of the spans in use, regions whose spans
// are all empty are given back to the kernel (MADV_DONTNEED), a whole region
// at a time, so that a huge page is given back whole and not split, until
// the empty bytes are within those bounds again. A program that once held a
// million tasks (1.4 GB) and let them go keeps about keep, not its peak, as
// CPython's pymalloc frees an arena whose pools are all free. The check is
// made where a span becomes empty (a free that empties a span: one in
// dozens to thousands of frees), never on a block's own take or give. The
// bound on what is in use leaves a heap as much empty room as it has in use,
// about what its garbage reaches between two cycles at Lua's pause of 200%,
// so that a heap that holds steady does not give back and fault in again
// the same spans at each cycle.
//
// Invariants:
// - A span is in one of four states: empty (on the empty list, any class
//   may take it), in use (on its class's list while it may have room: a
//   free block, or room at its bump pointer), full (on no list), or given
//   back (its region is on the released list). A span whose last block is
//   freed becomes empty, unless it is the first of its class's list: kept,
//   so that a class that takes and gives one block does not churn a span,
//   until another span comes in front of it.
// - Blocks are taken from the first span of their class's list; a span
//   that was full and has a block freed comes to the front. A class that
//   needs a span takes an empty one, else one of a given-back region
//   (faulted in again, the whole region), else cuts a new one.
// - A region's bookkeeping lives in regions_, outside the mappings: a
//   given-back span reads zeros when next touched, so nothing about it may
//   live in its head. regions_[i].empty counts region i's spans on the
//   empty list; a region with every span on it (all cut, all empty) is on
//   the whole list, the only regions given back. A given-back region has
//   none of its spans on any list and its count 0; its spans' heads are
//   written again when it is taken back.
// - After any give: empty_span_bytes() <= max(keep, used_span_bytes()), or
//   no region has all its spans empty.
// - The newest mapping's bytes below populated_ are faulted in; above it,
//   some may be (the filler's), the rest is reserved address space only.
// Not thread-safe: one per Lua state, used by its allocator only.
class SlabHeap {
 public:
  static constexpr std::size_t kGrain = 16;
  static constexpr std::size_t kLargest = 2048;
  static constexpr std::size_t kClasses = kLargest / kGrain;
  static constexpr std::size_t kSpan = 32 * 1024;
  static constexpr std::size_t kKeep = 64 * 1024 * 1024;

  // most: the largest mapping to make, rounded down to 2 MiB times a power
  // of two within 2 - 128 MiB. Under an address-space limit it keeps the
  // reserved, untouched tail of the newest mapping small beside what the
  // limit leaves. keep: the empty spans' bytes kept however little is in
  // use (see Giving back; rounded down to whole spans).
  explicit SlabHeap(std::size_t most, std::size_t keep = kKeep);
  SlabHeap(const SlabHeap&) = delete;
  SlabHeap& operator=(const SlabHeap&) = delete;
  ~SlabHeap();

  // Whether a block of n bytes (n > 0) is small.
  static bool fits(std::size_t n) { return n - 1 < kLargest; }
  static std::size_t size_class(std::size_t n) { return (n - 1) / kGrain; }
  // The bytes a block for n bytes has (fits(n)).
  static std::size_t class_size(std::size_t n) { return (size_class(n) + 1) * kGrain; }

  // A block for n bytes (fits(n)), or null when no mapping can be made.
  void* take(std::size_t n) {
    if (void* block = take_at_hand(n)) return block;
    return take_slow(size_class(n));
  }
  // A block for n bytes (fits(n)) from the first span of its class, or null
  // when that span has no room (then take cuts or finds another).
  void* take_at_hand(std::size_t n) {
    Span* s = spans_[size_class(n)];
    if (s == nullptr) return nullptr;
    if (void* block = s->free) {
      s->free = *static_cast<void**>(block);
      ++s->live;
      return block;
    }
    if (s->bump + s->size > s->end) return nullptr;
    void* block = reinterpret_cast<void*>(s->bump);
    s->bump += s->size;
    ++s->live;
    return block;
  }
  // Gives back a block that take gave.
  void give(void* block) {
    Span* s = span_of(block);
    *static_cast<void**>(block) = s->free;
    s->free = block;
    if (--s->live == 0 || !s->listed) gave_slow(s);
  }

  // Moves the block ptr of old bytes (ptr null and old 0 for a new block)
  // to one of nsize > 0 bytes, or returns null when out of memory (ptr is
  // then left as it was). was_small: ptr is this heap's; a block of another
  // size is malloc's. A block that changes sides is copied; one that stays in
  // its class stays where it is.
  void* resize(void* ptr, std::size_t old, std::size_t nsize, bool was_small);
  // Whether take(n) would find a block in a span of its class, without
  // taking an empty span or cutting a new one.
  bool has_room(std::size_t n) {
    const Span* s = spans_[size_class(n)];
    if (s != nullptr && (s->free != nullptr || s->bump + s->size <= s->end)) return true;
    return drop_full(size_class(n));
  }
  // Bytes in mappings, and in spans faulted in (in use or empty).
  std::size_t mapped_bytes() const { return mapped_; }
  std::size_t span_bytes() const { return (spans_made_ - released_count_) * kSpan; }
  // Bytes in spans that hold a block.
  std::size_t used_span_bytes() const { return (spans_made_ - released_count_ - empty_count_) * kSpan; }
  std::size_t empty_span_bytes() const { return empty_count_ * kSpan; }
  // Bytes in spans given back to the kernel (see Giving back).
  std::size_t released_bytes() const { return released_count_ * kSpan; }
  // For the tests: walks every list and region and says whether the
  // invariants above hold.
  bool invariants_hold() const;
  // For the tests: see PageFiller::set_slow_threshold.
  void set_slow_huge_threshold(long nanoseconds) { filler_.set_slow_threshold(nanoseconds); }

 private:
  // A span's first 64 bytes.
  struct Span {
    void* free;  // its free blocks, each one's first word the next
    Span* prev;  // its neighbours on its class's list or the empty list
    Span* next;
    std::uintptr_t bump;   // blocks are carved from here up to end, in order
    std::uintptr_t end;    // the span's last address + 1
    std::uint32_t live;    // blocks in use
    std::uint16_t size;    // its class's block size
    bool listed;           // on its class's list
    std::uint32_t region;  // its region's index in regions_
  };
  // 2 MiB of a mapping, what is given back at once.
  struct Region {
    std::uintptr_t base;
    std::uint32_t prev, next;  // neighbours on the whole list, or the next on the released list
    std::uint16_t spans;       // the spans it has room for (64, or fewer)
    std::uint16_t empty;       // its spans on the empty list
    bool released;
  };
  static constexpr std::uint32_t kNone = UINT32_MAX;
  static_assert(sizeof(Span) <= 64, "a span's head fits before its first block");
  static constexpr std::size_t kHead = 64;
  static constexpr std::size_t kHuge = 2 * 1024 * 1024;  // x86-64's huge page
  static constexpr std::size_t kFirstStep = 256 * 1024;
  // How far ahead of the newest span the filler faults pages in.
  static constexpr std::size_t kAhead = 8 * 1024 * 1024;

  static Span* span_of(void* block) {
    return reinterpret_cast<Span*>(reinterpret_cast<std::uintptr_t>(block) & ~(kSpan - 1));
  }

  void* take_slow(std::size_t c);
  bool drop_full(std::size_t c);
  // Not inlined: give stays a leaf where it is inlined (the allocator's
  // fast path saves no registers), its rare case a call.
  [[gnu::noinline]] void gave_slow(Span* s);
  void to_empty(std::size_t c, Span* s);
  void to_empty_list(Span* s);
  Span* from_empty_list();
  void give_back();
  void release(std::uint32_t r);
  Span* take_back();
  void link_whole(std::uint32_t r);
  void unlink_whole(std::uint32_t r);
  Span* new_span();
  void fault_in_next();
  void ask_ahead();
  void small_pages();
  bool map();
  bool region_room(std::size_t more);
  static void unlink(Span*& list, Span* s);
  static void push(Span*& list, Span* s);

  Span* spans_[kClasses] = {};  // each class's spans with room, the first taken from first
  Span* empty_ = nullptr;
  std::size_t empty_count_ = 0;
  std::uintptr_t next_ = 0, populated_ = 0, end_ = 0;  // the newest mapping, cut into spans from next_
  std::size_t step_ = kFirstStep;                      // what is faulted in at once
  std::uint32_t newest_region_ = 0;                    // the newest mapping's first region
  std::uintptr_t newest_base_ = 0;                     // ... and its first span
  std::size_t mapped_ = 0;
  std::size_t spans_made_ = 0;  // spans cut, given back or not
  std::size_t released_count_ = 0;
  Region* regions_ = nullptr;  // every mapping's regions, in the order they were made (malloc's)
  std::uint32_t region_count_ = 0, region_room_ = 0;
  std::uint32_t whole_ = kNone;     // the regions whose spans are all empty
  std::uint32_t released_ = kNone;  // the regions given back
  std::size_t most_;
  std::size_t keep_;  // in spans
  bool huge_ = true;  // mappings after the first are advised huge pages
  bool newest_huge_ = false;  // ... and the newest one is
  bool filling_ = false;      // the filler works ahead in the newest mapping
  PageFiller filler_;         // stopped before the mappings are unmapped
};

// (In the header: the allocator's every resize calls it.)
inline void* SlabHeap::resize(void* ptr, std::size_t old, std::size_t nsize, bool was_small) {
  if (fits(nsize)) {
    if (was_small && size_class(old) == size_class(nsize)) return ptr;
    void* block = take(nsize);
    if (block != nullptr && old > 0) {
      std::memcpy(block, ptr, std::min(old, nsize));
      if (was_small) {
        give(ptr);
      } else {
        std::free(ptr);
      }
    }
    return block;
  }
  if (!was_small) return std::realloc(ptr, nsize);
  void* block = std::malloc(nsize);
  if (block != nullptr) {
    std::memcpy(block, ptr, old);
    give(ptr);
  }
  return block;
}

}  // namespace luasync
