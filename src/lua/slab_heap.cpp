#include "lua/slab_heap.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <bit>

namespace luasync {

SlabHeap::SlabHeap(std::size_t most)
    : most_(std::bit_floor(std::clamp(most / kHuge, std::size_t{1}, std::size_t{64})) * kHuge) {}

SlabHeap::~SlabHeap() {
  while (mappings_ != nullptr) {
    auto* first = static_cast<Span*>(mappings_);
    mappings_ = first->mapping_before;
    munmap(first, first->mapping_size);
  }
}

void SlabHeap::unlink(Span*& list, Span* s) {
  if (s->prev != nullptr) {
    s->prev->next = s->next;
  } else {
    list = s->next;
  }
  if (s->next != nullptr) s->next->prev = s->prev;
  s->prev = s->next = nullptr;
}

void SlabHeap::push(Span*& list, Span* s) {
  s->prev = nullptr;
  s->next = list;
  if (list != nullptr) list->prev = s;
  list = s;
}

// Takes the full spans first on class c's list off it: whether one with room
// is left.
bool SlabHeap::drop_full(std::size_t c) {
  while (Span* s = spans_[c]) {
    if (s->free != nullptr || s->bump + s->size <= s->end) return true;
    unlink(spans_[c], s);
    s->listed = false;
  }
  return false;
}

// The first span of class c had no room: the next one with room is used,
// or an empty span, or a new one.
void* SlabHeap::take_slow(std::size_t c) {
  if (drop_full(c)) return take(c * kGrain + 1);
  Span* s = empty_;
  if (s != nullptr) {
    unlink(empty_, s);
    --empty_count_;
  } else {
    s = new_span();
    if (s == nullptr) return nullptr;
  }
  s->free = nullptr;
  s->size = static_cast<std::uint16_t>((c + 1) * kGrain);
  s->bump = reinterpret_cast<std::uintptr_t>(s) + kHead;
  s->live = 0;
  s->listed = true;
  push(spans_[c], s);
  return take(c * kGrain + 1);
}

// A block was given back to span s, which was full (it goes back on its
// class's list, in front) or is now empty (it goes to the empty list, unless
// it is the first of its class's list).
void SlabHeap::gave_slow(Span* s) {
  const std::size_t c = s->size / kGrain - 1;
  if (s->listed) {
    if (spans_[c] != s) to_empty(c, s);
    return;
  }
  if (s->live == 0) {
    push(empty_, s);
    ++empty_count_;
    return;
  }
  // In front, so that its free blocks are used first; a span kept empty
  // there gives its place up.
  if (spans_[c] != nullptr && spans_[c]->live == 0) to_empty(c, spans_[c]);
  s->listed = true;
  push(spans_[c], s);
}

void SlabHeap::to_empty(std::size_t c, Span* s) {
  unlink(spans_[c], s);
  s->listed = false;
  push(empty_, s);
  ++empty_count_;
}

// The next span of the newest mapping, or of a new one. The mapping's
// pages are faulted in step_ bytes at a time, with one call: the
// blocks are about to be written (Lua initialises what it allocates), and
// one at a time each page would be a fault. Errors are ignored: a kernel
// without MADV_POPULATE_WRITE (before 5.14) faults the pages in as they are
// touched.
SlabHeap::Span* SlabHeap::new_span() {
  if (next_ == end_ && !map()) return nullptr;
  if (next_ == populated_) {
    const std::size_t step = std::min(step_, end_ - populated_);
    madvise(reinterpret_cast<void*>(populated_), step, MADV_POPULATE_WRITE);
    populated_ += step;
  }
  auto* s = reinterpret_cast<Span*>(next_);
  next_ += kSpan;
  ++spans_made_;
  s->end = reinterpret_cast<std::uintptr_t>(s) + kSpan;
  s->prev = s->next = nullptr;
  return s;
}

// The mappings double in size, from 2 MiB up to most_, so a million tasks
// take a few dozen mappings and a small program one. Each is aligned to
// 2 MiB, as a huge page must be: mapped with 2 MiB to spare, the spare
// unmapped. Under an address-space limit (`ulimit -v`) a mapping that cannot
// be made is tried smaller, down to 2 MiB unaligned: the heap fails only
// when the system has no 2 MiB to give.
bool SlabHeap::map() {
  std::size_t size = std::min(std::max(kHuge, std::bit_floor(mapped_)), most_);
  std::size_t spare = kHuge;
  void* raw = MAP_FAILED;
  for (;;) {
    raw = mmap(nullptr, size + spare, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw != MAP_FAILED) break;
    if (size > kHuge) {
      size /= 2;
    } else if (spare > 0) {
      spare = 0;
    } else {
      return false;
    }
  }
  // Spans must be aligned to their size, and a huge page to 2 MiB: what
  // lies before the alignment and after the size is unmapped. A mapping
  // made without its spare loses its first partial span.
  const auto start = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t stop = start + size + spare;
  const std::uintptr_t align = spare > 0 ? kHuge : kSpan;
  const std::uintptr_t base = (start + align - 1) & ~(align - 1);
  if (spare == 0) size = (stop - base) & ~(kSpan - 1);
  if (base > start) munmap(raw, base - start);
  if (stop > base + size) munmap(reinterpret_cast<void*>(base + size), stop - (base + size));
  // The first mapping, all that most programs need, is made of small pages
  // faulted in 256 KiB at a time, so that a small program stays small;
  // from the second on, huge pages, faulted in one at a time. Errors are
  // ignored: without transparent huge pages a mapping is made of small
  // pages, as any other.
  step_ = mapped_ == 0 ? kFirstStep : kHuge;
  if (mapped_ > 0) madvise(reinterpret_cast<void*>(base), size, MADV_HUGEPAGE);
  mapped_ += size;
  next_ = base;
  end_ = base + size;
  // The first span's head links the mappings, for the destructor; a span's
  // other fields are set when it is cut (new_span) and taken (take_slow).
  auto* first = reinterpret_cast<Span*>(base);
  populated_ = base + std::min(step_, size);
  madvise(first, populated_ - base, MADV_POPULATE_WRITE);
  first->mapping_before = mappings_;
  first->mapping_size = size;
  mappings_ = first;
  return true;
}

}  // namespace luasync
