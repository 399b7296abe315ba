#include "runtime/deadlines.hpp"

#include <algorithm>
#include <new>

namespace luasync {

namespace {
// Children of entry i are kArity * i + 1 .. kArity * i + kArity, its parent
// (i - 1) / kArity. Four children: half the levels of a binary heap, so a
// sift touches half as many entries (and their pos_ slots) far apart in
// memory, the cache misses of a heap of a million sleepers' deadlines (W3),
// for one more comparison a level.
constexpr std::size_t kArity = 4;

// Grows v's capacity geometrically so that it holds at least n elements.
template <class T>
void reserve_for(std::vector<T>& v, std::size_t n) {
  if (n > v.capacity()) v.reserve(std::max(n, 2 * v.capacity()));
}
}  // namespace

DeadlineHeap::Id DeadlineHeap::next_id() const {
  return free_head_ != kEnd ? free_head_ : static_cast<Id>(pos_.size());
}

DeadlineHeap::Id DeadlineHeap::add(double when) {
  // Every allocation comes first, so that a bad_alloc leaves the heap as it
  // was. Ids and heap indices stay below kEnd: the free bit is theirs.
  if (free_head_ == kEnd && pos_.size() >= kEnd) throw std::bad_alloc();
  reserve_for(heap_, heap_.size() + 1);
  if (free_head_ == kEnd) reserve_for(pos_, pos_.size() + 1);
  if (seq_ == UINT32_MAX) renumber();
  Id id;
  if (free_head_ != kEnd) {
    id = free_head_;
    free_head_ = pos_[id] & ~kFreeBit;
  } else {
    id = static_cast<Id>(pos_.size());
    pos_.push_back(kFreeBit | kEnd);
  }
  heap_.push_back(Entry{when, seq_++, id});
  pos_[id] = static_cast<std::uint32_t>(heap_.size() - 1);
  sift_up(heap_.size() - 1);
  return id;
}

void DeadlineHeap::free_id(Id id) {
  pos_[id] = kFreeBit | free_head_;
  free_head_ = id;
}

// The insertion count is at its end: the pending entries, sorted (a sorted
// array is a heap), take 0..n-1 in their order, and the count goes on from n.
void DeadlineHeap::renumber() {
  std::sort(heap_.begin(), heap_.end(), before);
  for (std::size_t i = 0; i < heap_.size(); ++i) {
    heap_[i].seq = static_cast<std::uint32_t>(i);
    pos_[heap_[i].id] = static_cast<std::uint32_t>(i);
  }
  seq_ = static_cast<std::uint32_t>(heap_.size());
}

bool DeadlineHeap::cancel(Id id) {
  if (!pending(id)) return false;
  remove_at(pos_[id], true);
  return true;
}

std::optional<double> DeadlineHeap::next() const {
  if (heap_.empty()) return std::nullopt;
  return heap_.front().when;
}

std::optional<double> DeadlineHeap::when(Id id) const {
  if (!pending(id)) return std::nullopt;
  return heap_[pos_[id]].when;
}

// Popping one at a time costs a sift down the whole heap each, with a
// write to pos_ at every level: far apart in memory, a cache miss or two a
// level. When most of a large heap comes due at once (a million sleepers
// whose first steps took longer than their sleeps, W3), it is cheaper to
// take the due entries out in one pass, sort them, and rebuild what is left
// (every entry read and written once, in order). Which case this is shows
// only after some pops, so a call pops kProbe entries first; then, with the
// heap still large and its earliest still due, one pass counts the due
// entries (as many as kProbe pops cost, about), and a quarter or more of
// the heap goes the bulk way.
void DeadlineHeap::pop_due(double now, std::vector<Id>& out) {
  constexpr std::size_t kProbe = 4096;
  std::size_t popped = 0;
  while (!heap_.empty() && heap_.front().when <= now) {
    if (popped == kProbe && heap_.size() >= 4 * kProbe) {
      const auto due = static_cast<std::size_t>(
          std::count_if(heap_.begin(), heap_.end(), [now](const Entry& e) { return e.when <= now; }));
      if (due >= heap_.size() / 4) {
        pop_due_bulk(now, due, out);
        return;
      }
    }
    out.push_back(heap_.front().id);
    remove_at(0, false);
    ++popped;
  }
}

void DeadlineHeap::pop_due_bulk(double now, std::size_t due, std::vector<Id>& out) {
  out.reserve(out.size() + due);  // the one allocation, before any change
  const auto rest = std::partition(heap_.begin(), heap_.end(), [now](const Entry& e) { return e.when > now; });
  std::sort(rest, heap_.end(), before);
  for (auto it = rest; it != heap_.end(); ++it) {
    out.push_back(it->id);
    pos_[it->id] = kFreeBit | kEnd;  // taken until released
  }
  heap_.erase(rest, heap_.end());
  for (std::size_t i = 0; i < heap_.size(); ++i) pos_[heap_[i].id] = static_cast<std::uint32_t>(i);
  // Floyd's heap construction: each parent sinks into its sub-heaps, the
  // last parent first.
  for (std::size_t i = heap_.size() / kArity + 1; i-- > 0;) {
    if (i < heap_.size()) sift_down(i);
  }
}

void DeadlineHeap::place(std::size_t i, const Entry& e) {
  heap_[i] = e;
  pos_[e.id] = static_cast<std::uint32_t>(i);
}

void DeadlineHeap::sift_up(std::size_t i) {
  Entry e = heap_[i];
  while (i > 0) {
    std::size_t parent = (i - 1) / kArity;
    if (!before(e, heap_[parent])) break;
    place(i, heap_[parent]);
    i = parent;
  }
  place(i, e);
}

void DeadlineHeap::sift_down(std::size_t i) {
  Entry e = heap_[i];
  const std::size_t n = heap_.size();
  for (;;) {
    const std::size_t first = kArity * i + 1;
    if (first >= n) break;
    const std::size_t end = std::min(first + kArity, n);
    std::size_t child = first;
    for (std::size_t c = first + 1; c < end; ++c) {
      if (before(heap_[c], heap_[child])) child = c;
    }
    if (!before(heap_[child], e)) break;
    place(i, heap_[child]);
    i = child;
  }
  place(i, e);
}

// free: the id goes back to the free list; otherwise it is taken until
// released (pop_due).
void DeadlineHeap::remove_at(std::size_t i, bool free) {
  Id id = heap_[i].id;
  Entry last = heap_.back();
  heap_.pop_back();
  if (free) {
    free_id(id);
  } else {
    pos_[id] = kFreeBit | kEnd;
  }
  if (i < heap_.size()) {
    place(i, last);
    if (i > 0 && before(last, heap_[(i - 1) / kArity]))
      sift_up(i);
    else
      sift_down(i);
  }
}

}  // namespace luasync
