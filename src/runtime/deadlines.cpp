#include "runtime/deadlines.hpp"

#include <algorithm>

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
  return free_ids_.empty() ? static_cast<Id>(pos_.size()) : free_ids_.back();
}

DeadlineHeap::Id DeadlineHeap::add(double when) {
  // Every allocation comes first, so that a bad_alloc leaves the heap as it
  // was; free_ids_ can then hold every id, so remove_at never allocates.
  reserve_for(heap_, heap_.size() + 1);
  reserve_for(pos_, pos_.size() + 1);
  reserve_for(free_ids_, pos_.capacity());
  Id id;
  if (!free_ids_.empty()) {
    id = free_ids_.back();
    free_ids_.pop_back();
  } else {
    id = static_cast<Id>(pos_.size());
    pos_.push_back(kFree);
  }
  heap_.push_back(Entry{when, seq_++, id});
  pos_[id] = static_cast<std::uint32_t>(heap_.size() - 1);
  sift_up(heap_.size() - 1);
  return id;
}

bool DeadlineHeap::cancel(Id id) {
  if (id >= pos_.size() || pos_[id] == kFree) return false;
  remove_at(pos_[id]);
  return true;
}

std::optional<double> DeadlineHeap::next() const {
  if (heap_.empty()) return std::nullopt;
  return heap_.front().when;
}

std::optional<double> DeadlineHeap::when(Id id) const {
  if (id >= pos_.size() || pos_[id] == kFree) return std::nullopt;
  return heap_[pos_[id]].when;
}

void DeadlineHeap::pop_due(double now, std::vector<Id>& out) {
  while (!heap_.empty() && heap_.front().when <= now) {
    out.push_back(heap_.front().id);
    remove_at(0);
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

void DeadlineHeap::remove_at(std::size_t i) {
  Id id = heap_[i].id;
  Entry last = heap_.back();
  heap_.pop_back();
  pos_[id] = kFree;
  free_ids_.push_back(id);
  if (i < heap_.size()) {
    place(i, last);
    if (i > 0 && before(last, heap_[(i - 1) / kArity]))
      sift_up(i);
    else
      sift_down(i);
  }
}

}  // namespace luasync
