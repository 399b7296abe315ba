#pragma once
#include <cstdint>
#include <optional>
#include <vector>

namespace luasync {

// A 4-ary min-heap of deadlines keyed by (when, insertion order), so timers
// that share a deadline fire in the order they were added, as asyncio's do.
// Every entry has a small integer id, reused after it fires or is cancelled;
// pos_[id] is the entry's heap index, or kFree when the id is not in use.
class DeadlineHeap {
 public:
  using Id = std::uint32_t;

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
  void pop_due(double now, std::vector<Id>& out);
  std::size_t size() const { return heap_.size(); }
  bool empty() const { return heap_.empty(); }

 private:
  struct Entry {
    double when;
    std::uint64_t seq;
    Id id;
  };
  static constexpr std::uint32_t kFree = UINT32_MAX;

  static bool before(const Entry& a, const Entry& b) { return a.when < b.when || (a.when == b.when && a.seq < b.seq); }
  void place(std::size_t i, const Entry& e);
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);
  void remove_at(std::size_t i);
  void pop_due_bulk(double now, std::size_t due, std::vector<Id>& out);

  std::vector<Entry> heap_;
  std::vector<std::uint32_t> pos_;
  std::vector<Id> free_ids_;
  std::uint64_t seq_ = 0;
};

}  // namespace luasync
