#pragma once
#include <cstdint>
#include <optional>
#include <vector>

namespace luasync {

// A 4-ary min-heap of deadlines keyed by (when, insertion order), so timers
// that share a deadline fire in the order they were added, as asyncio's do.
// Every entry has a small integer id, reused after it is cancelled, or
// after it came due and its taker released it (the last freed first);
// pos_[id] is the entry's heap index, or, for an id not in use, kFreeBit
// and the next free id (the free ids are a list threaded through pos_, so
// freeing one never allocates), or, for an id taken by pop_due and not yet
// released, kFreeBit | kEnd outside that list.
//
// An entry is 16 bytes, so that a sift's four siblings fill one cache line
// (a heap of a million sleepers' deadlines misses the cache at every level:
// bench W3) and a pending deadline costs 20 bytes with its pos_ slot. Its
// insertion order is a 32-bit count: before the count would wrap, the heap
// is sorted and the pending entries renumbered 0..n-1 in their order, which
// keeps every comparison as it was.
class DeadlineHeap {
 public:
  using Id = std::uint32_t;

  // first_seq: the insertion count to start from (tests: its renumbering).
  explicit DeadlineHeap(std::uint32_t first_seq = 0) : seq_(first_seq) {}

  // Adds a deadline and answers its id, next_id(). Throws std::bad_alloc
  // with the heap unchanged; nothing else allocates (cancel and pop_due
  // only append to their caller's vector).
  Id add(double when);
  // The id the next add will answer.
  Id next_id() const;
  // Removes a pending entry; false if it already fired or was cancelled.
  bool cancel(Id id);
  std::optional<double> next() const;
  // When the pending deadline `id` comes due, or nothing if it is not pending.
  std::optional<double> when(Id id) const;
  // Appends the ids of every entry with when <= now to out, earliest first.
  // They leave the heap (cancel answers false for them) but stay taken:
  // add hands none out again until release(id). So whoever takes them (the
  // kernel, whose enqueue of a due entry may fail) keeps each id's own data
  // until it is done with that one.
  void pop_due(double now, std::vector<Id>& out);
  // An id pop_due took goes back to the free list.
  void release(Id id) { free_id(id); }
  // Asks for the line release(id) writes (a batch of due ids is released
  // in deadline order: at random places).
  void prefetch_release(Id id) const {
    if (id < pos_.size()) __builtin_prefetch(&pos_[id], 1);
  }
  std::size_t size() const { return heap_.size(); }
  bool empty() const { return heap_.empty(); }
  // Gives back the room of a heap that once held many more deadlines than it
  // holds now (the ids' free list keeps its room: it threads through it).
  void shrink_room() {
    if (heap_.capacity() > 4 * heap_.size()) heap_.shrink_to_fit();
  }

 private:
  struct Entry {
    double when;
    std::uint32_t seq;
    Id id;
  };
  static_assert(sizeof(Entry) == 16);
  static constexpr std::uint32_t kFreeBit = 0x80000000u;
  static constexpr std::uint32_t kEnd = 0x7fffffffu;  // the free list's end; never an id

  static bool before(const Entry& a, const Entry& b) { return a.when < b.when || (a.when == b.when && a.seq < b.seq); }
  bool pending(Id id) const { return id < pos_.size() && (pos_[id] & kFreeBit) == 0; }
  void free_id(Id id);
  void renumber();
  void place(std::size_t i, const Entry& e);
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);
  void remove_at(std::size_t i, bool free);
  void pop_due_bulk(double now, std::size_t due, std::vector<Id>& out);

  std::vector<Entry> heap_;
  std::vector<std::uint32_t> pos_;
  std::uint32_t free_head_ = kEnd;  // the free id add takes next
  std::uint32_t seq_;
};

}  // namespace luasync
