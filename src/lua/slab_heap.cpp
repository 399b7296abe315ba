#include "lua/slab_heap.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <vector>

namespace luasync {

SlabHeap::SlabHeap(std::size_t most, std::size_t keep)
    : most_(std::bit_floor(std::clamp(most / kHuge, std::size_t{1}, std::size_t{64})) * kHuge), keep_(keep / kSpan) {}

// The regions of a mapping follow one another, in address order: each run
// of adjacent regions goes in one call.
SlabHeap::~SlabHeap() {
  filler_.stop();
  std::uintptr_t start = 0, stop = 0;
  for (std::uint32_t i = 0; i < region_count_; ++i) {
    const Region& r = regions_[i];
    if (r.base != stop) {
      if (stop > start) munmap(reinterpret_cast<void*>(start), stop - start);
      start = r.base;
    }
    stop = r.base + r.spans * kSpan;
  }
  if (stop > start) munmap(reinterpret_cast<void*>(start), stop - start);
  std::free(regions_);
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
// or an empty span, or one given back, or a new one.
void* SlabHeap::take_slow(std::size_t c) {
  if (drop_full(c)) return take(c * kGrain + 1);
  Span* s = empty_ != nullptr ? from_empty_list() : released_ != kNone ? take_back() : new_span();
  if (s == nullptr) return nullptr;
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
    to_empty_list(s);
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
  to_empty_list(s);
}

// Every span that becomes empty comes here: the one place where the empty
// bytes grow, hence where they are checked against keep_ and what is in use.
void SlabHeap::to_empty_list(Span* s) {
  push(empty_, s);
  ++empty_count_;
  Region& r = regions_[s->region];
  if (++r.empty == r.spans) link_whole(s->region);
  if (whole_ != kNone) give_back();
}

SlabHeap::Span* SlabHeap::from_empty_list() {
  Span* s = empty_;
  unlink(empty_, s);
  --empty_count_;
  Region& r = regions_[s->region];
  if (r.empty-- == r.spans) unlink_whole(s->region);
  return s;
}

// Gives whole regions back while the empty spans exceed both keep_ and the
// spans in use. Each region given back takes its spans off the empty list,
// so the loop ends.
void SlabHeap::give_back() {
  while (whole_ != kNone) {
    const std::size_t used = spans_made_ - released_count_ - empty_count_;
    if (empty_count_ <= std::max(keep_, used)) return;
    release(whole_);
  }
}

// Region i, its spans all empty, goes back to the kernel: its pages read
// zeros when next touched, so its spans leave the empty list first, while
// their heads still link it. An error (locked pages: mlockall) leaves the
// pages as they were, which is harmless: they are written again when taken
// back.
void SlabHeap::release(std::uint32_t i) {
  unlink_whole(i);
  Region& r = regions_[i];
  for (std::size_t k = 0; k < r.spans; ++k) unlink(empty_, reinterpret_cast<Span*>(r.base + k * kSpan));
  empty_count_ -= r.spans;
  released_count_ += r.spans;
  madvise(reinterpret_cast<void*>(r.base), r.spans * kSpan, MADV_DONTNEED);
  r.empty = 0;
  r.released = true;
  r.next = released_;
  released_ = i;
}

// A span of the region given back last: the region is faulted in again at
// once, as a new mapping's pages are (see new_span), its spans' heads are
// written and they go on the empty list, the first of them taken.
SlabHeap::Span* SlabHeap::take_back() {
  const std::uint32_t i = released_;
  Region& r = regions_[i];
  released_ = r.next;
  r.released = false;
  madvise(reinterpret_cast<void*>(r.base), r.spans * kSpan, MADV_POPULATE_WRITE);
  for (std::size_t k = r.spans; k-- > 0;) {
    auto* s = reinterpret_cast<Span*>(r.base + k * kSpan);
    s->end = r.base + (k + 1) * kSpan;
    s->region = i;
    push(empty_, s);
  }
  empty_count_ += r.spans;
  released_count_ -= r.spans;
  r.empty = r.spans;
  link_whole(i);
  return from_empty_list();
}

void SlabHeap::link_whole(std::uint32_t i) {
  Region& r = regions_[i];
  r.prev = kNone;
  r.next = whole_;
  if (whole_ != kNone) regions_[whole_].prev = i;
  whole_ = i;
}

void SlabHeap::unlink_whole(std::uint32_t i) {
  Region& r = regions_[i];
  if (r.prev != kNone) {
    regions_[r.prev].next = r.next;
  } else {
    whole_ = r.next;
  }
  if (r.next != kNone) regions_[r.next].prev = r.prev;
  r.prev = r.next = kNone;
}

// The next span of the newest mapping, or of a new one. The mapping's
// pages are faulted in step_ bytes at a time, with one call, by the filler
// ahead of the spans cut or, where it is behind, here: the blocks are about
// to be written (Lua initialises what it allocates), and one at a time each
// page would be a fault.
SlabHeap::Span* SlabHeap::new_span() {
  if (next_ == end_ && !map()) return nullptr;
  if (next_ == populated_) fault_in_next();
  auto* s = reinterpret_cast<Span*>(next_);
  s->region = newest_region_ + static_cast<std::uint32_t>((next_ - newest_base_) / kHuge);
  next_ += kSpan;
  ++spans_made_;
  if (filling_ && (next_ & (kHuge - 1)) == 0) ask_ahead();
  s->end = reinterpret_cast<std::uintptr_t>(s) + kSpan;
  s->prev = s->next = nullptr;
  return s;
}

// The spans cut reached what is faulted in: the filler's work is taken if
// it got further in this mapping (its done() may be of an earlier one), else
// the next step is faulted in here.
void SlabHeap::fault_in_next() {
  const std::uintptr_t done = filler_.done();
  if (filling_ && done > next_ && done <= end_) {
    populated_ = done;
    return;
  }
  const std::size_t step = std::min(step_, end_ - populated_);
  const bool slow = filler_.fault_in(populated_, step, newest_huge_);
  populated_ += step;
  if (slow) small_pages();
}

// Every 2 MiB cut, the filler is asked to stay kAhead in front.
void SlabHeap::ask_ahead() {
  if (newest_huge_ && filler_.slow()) small_pages();
  const std::uintptr_t to = std::min(end_, next_ + kAhead);
  if (to > populated_) filling_ = filler_.ask(newest_base_, populated_, to, newest_huge_);
}

// A huge page took long to fault in (PageFiller::kSlowHugeNanoseconds): on
// a virtual machine whose host took the memory back, it is made anew, and
// small pages come faster. The rest of the newest mapping and every later
// one take small pages; huge pages faulted in already stay.
void SlabHeap::small_pages() {
  huge_ = newest_huge_ = false;
  if (end_ > populated_) madvise(reinterpret_cast<void*>(populated_), end_ - populated_, MADV_NOHUGEPAGE);
}

// The mappings double in size, from 2 MiB up to most_, so a million tasks
// take a few dozen mappings and a small program one. Each is aligned to
// 2 MiB, as a huge page must be: mapped with 2 MiB to spare, the spare
// unmapped. Under an address-space limit (`ulimit -v`) a mapping that cannot
// be made is tried smaller, down to 2 MiB unaligned: the heap fails only
// when the system has no 2 MiB to give.
bool SlabHeap::map() {
  std::size_t size = std::min(std::max(kHuge, std::bit_floor(mapped_)), most_);
  if (!region_room(size / kHuge)) return false;
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
  // faulted in 256 KiB at a time, here, so that a small program stays small
  // and has no second thread; from the second on, huge pages (until one is
  // slow: small_pages), faulted in 2 MiB at a time, by the filler ahead of
  // the spans cut. Errors are ignored: without transparent huge pages a
  // mapping is made of small pages, as any other.
  step_ = mapped_ == 0 ? kFirstStep : kHuge;
  newest_huge_ = mapped_ > 0 && huge_ && madvise(reinterpret_cast<void*>(base), size, MADV_HUGEPAGE) == 0;
  filling_ = mapped_ > 0;
  mapped_ += size;
  next_ = base;
  end_ = base + size;
  newest_region_ = region_count_;
  newest_base_ = base;
  // A span's fields are set when it is cut (new_span) and taken (take_slow).
  populated_ = base;
  fault_in_next();
  if (filling_) ask_ahead();
  for (std::uintptr_t at = base; at < base + size; at += kHuge) {
    const std::size_t spans = std::min(kHuge, base + size - at) / kSpan;
    regions_[region_count_++] = Region{at, kNone, kNone, static_cast<std::uint16_t>(spans), 0, false};
  }
  return true;
}

// Room in regions_ for the regions of a mapping of up to more * 2 MiB, made
// before the mapping is: one that could not be recorded must not be made.
// (A mapping made without its spare has at most as many regions.)
bool SlabHeap::region_room(std::size_t more) {
  if (region_count_ + more <= region_room_) return true;
  const std::size_t room = std::max<std::size_t>(2 * region_room_, region_count_ + more + 64);
  if (room >= kNone) return false;
  void* grown = std::realloc(regions_, room * sizeof(Region));
  if (grown == nullptr) return false;
  regions_ = static_cast<Region*>(grown);
  region_room_ = static_cast<std::uint32_t>(room);
  return true;
}

bool SlabHeap::invariants_hold() const {
  std::size_t spans_in_regions = 0, released = 0;
  for (std::uint32_t i = 0; i < region_count_; ++i) {
    const Region& r = regions_[i];
    if (r.released) {
      if (r.empty != 0) return false;
      released += r.spans;
    }
    spans_in_regions += r.spans;
  }
  if (released != released_count_ || spans_made_ > spans_in_regions) return false;
  // The empty list: each span empty, on no class's list, its region's
  // count right.
  std::vector<std::uint16_t> empty(region_count_, 0);
  std::size_t n = 0;
  for (const Span* s = empty_; s != nullptr; s = s->next) {
    if (s->live != 0 || s->listed || s->region >= region_count_ || regions_[s->region].released) return false;
    if (s->next != nullptr && s->next->prev != s) return false;
    ++empty[s->region];
    ++n;
  }
  if (n != empty_count_) return false;
  std::size_t whole = 0;
  for (std::uint32_t i = 0; i < region_count_; ++i) {
    if (empty[i] != regions_[i].empty) return false;
    if (regions_[i].empty == regions_[i].spans) ++whole;
  }
  // The whole list: the regions whose spans are all empty, and only them.
  std::uint32_t prev = kNone;
  for (std::uint32_t i = whole_; i != kNone; prev = i, i = regions_[i].next) {
    if (regions_[i].prev != prev || regions_[i].empty != regions_[i].spans || whole-- == 0) return false;
  }
  if (whole != 0) return false;
  // The released list: every region given back, once.
  std::size_t on_released = 0;
  for (std::uint32_t i = released_; i != kNone; i = regions_[i].next) {
    if (!regions_[i].released) return false;
    on_released += regions_[i].spans;
  }
  if (on_released != released_count_) return false;
  // The class lists: spans of their class, listed, in no given-back region.
  for (std::size_t c = 0; c < kClasses; ++c) {
    for (const Span* s = spans_[c]; s != nullptr; s = s->next) {
      if (!s->listed || s->size != (c + 1) * kGrain || regions_[s->region].released) return false;
      if (s->next != nullptr && s->next->prev != s) return false;
    }
  }
  // Given back only while the empty bytes were beyond both bounds.
  const std::size_t used = spans_made_ - released_count_ - empty_count_;
  return whole_ == kNone || empty_count_ <= std::max(keep_, used);
}

}  // namespace luasync
