// Whether the ready queue's prefetch stages (ready_queue.cpp's Prefetcher)
// run for the entries of a batch.
//
// They pay where a batch visits its tasks out of the order they were made:
// a million sleepers woken in deadline order (W3) miss the cache at every
// entry, and the stages hide that (overshoot ~1.1 s with them, ~3.3 s
// without). A batch that visits them in the order they were made -- the
// first steps of tasks spawned in a loop, their steps after sleep(0) (W1)
// -- finds each kind of block (table headers, array parts, coroutines,
// stacks) one after the other in the slab heap, which the processor's own
// prefetcher follows: there the stages cost a tenth of W1's instructions
// and gained nothing (W1 ran ~7% faster without them).
//
// So the first stage notes where each entry's table lies. While kRun
// entries in a row have their tables each a little above the one before,
// the stages stop; then only a sample of entries is looked at, kRun of
// them every kResample, and the stages start again at the first that is
// not a little above the one before it. A batch starts with them running.
//
// Invariants: entries are looked at in increasing order; every entry from
// first_looked() on that the batch reaches was looked at while the stages
// ran (so its slot in the Prefetcher's ring is its own), as long as they
// run.
#pragma once

#include <cstdint>

namespace luasync::kernel {

class PrefetchGate {
 public:
  static constexpr int kRun = 16;
  static constexpr std::int64_t kResample = 1024;
  // "A little above": within the span that a heap's neighbours of one size
  // class lie in.
  static constexpr std::uintptr_t kNear = std::uintptr_t{1} << 20;

  // first: the first entry the batch's first stage looks at.
  explicit PrefetchGate(std::int64_t first) : first_looked_(first) {}

  bool active() const { return active_; }
  // Whether the first stage looks at entry j (the stages run, or j is in a
  // sample).
  bool wants(std::int64_t j) const { return active_ || j >= sample_from_; }
  // The later stages may use what the first stage found of entry j.
  bool looked(std::int64_t j) const { return active_ && j >= first_looked_; }

  // The first stage looked at entry j, whose table is at `at` (0: none).
  void saw(std::int64_t j, std::uintptr_t at) {
    const bool near = at != 0 && j == last_ + 1 && at > last_at_ && at - last_at_ < kNear;
    run_ = near ? run_ + 1 : 0;
    last_ = j;
    last_at_ = at;
    if (active_) {
      if (run_ >= kRun) {
        active_ = false;
        sample_from_ = j + kResample;
      }
    } else if (!near && j > sample_from_) {
      // Out of order: the stages start again with the next entry (this one
      // and the few before it go without).
      active_ = true;
      first_looked_ = j + 1;
    } else if (run_ >= kRun) {
      sample_from_ = j + kResample;
    }
  }

 private:
  std::int64_t first_looked_;
  bool active_ = true;
  std::int64_t sample_from_ = 0;  // while the stages stop: the next sample's first entry
  std::int64_t last_ = 0;         // the entry looked at last, its table's address
  std::uintptr_t last_at_ = 0;
  int run_ = 0;  // entries in a row up to last_ each a little above the one before
};

}  // namespace luasync::kernel
