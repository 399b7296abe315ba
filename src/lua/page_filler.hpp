#pragma once

#include <pthread.h>
#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>

namespace luasync {

// A thread that faults in the pages of a mapping ahead of the one that
// cuts it (SlabHeap's newest mapping), so that a program that grows its heap
// quickly (a million tasks made at once) spends its own time in Lua and the
// kernel's page faults run on another core.
//
// Why: a heap that grows by 1.4 GB spends ~40% of its time faulting pages in
// (bench W1: 0.10 s of system time beside 0.13 s of user time with small
// pages), and on a virtual machine whose host takes back the guest's free
// memory (free page reporting) a huge page made from such memory costs 1 -
// 30 ms against 0.08 ms (the 512 small pages of 2 MiB: 0.55 - 0.6 ms either
// way; this VM, 2026-12-07). The filler also times each huge page it
// faults in: slow() says that small pages would serve better.
//
// Nothing depends on it for correctness: a page that is not faulted in yet
// is faulted in when touched, and faulting in a page twice is harmless (a
// populate never changes what a page holds). The thread touches only the
// range it was asked for, in a mapping that lives until the filler is
// stopped (the heap unmaps its mappings after). A filler far behind could
// fault in again a region the heap gave back meanwhile: it reads zeros, as
// a given-back page does, and only holds memory until its spans are used.
//
// Invariants: done() is an address up to which the range of the latest
// request (and of the requests before it in the same mapping) is faulted
// in, or an address of an earlier mapping; the caller checks that it lies
// in its mapping. One thread at most, started on the first request and
// joined by the destructor. Not thread-safe on the asking side: one owner.
class PageFiller {
 public:
  // A 2 MiB populate that takes longer than this says huge pages are slow:
  // well past what its small pages take. (0.5 ms was tried: W1 no faster,
  // and a populate slowed by a busy machine switches a heap more often.)
  static constexpr long kSlowHugeNanoseconds = 1'000'000;
  static constexpr std::size_t kStep = 2 * 1024 * 1024;

  PageFiller() = default;
  PageFiller(const PageFiller&) = delete;
  PageFiller& operator=(const PageFiller&) = delete;
  ~PageFiller();

  // Asks for [from, to) of the mapping that starts at base to be faulted in,
  // after what was asked before in that mapping; a request in another mapping
  // replaces the earlier ones. huge: the mapping is advised huge pages (its
  // populates are timed). Answers false when no thread could be started
  // (the caller faults its pages in itself).
  bool ask(std::uintptr_t base, std::uintptr_t from, std::uintptr_t to, bool huge);
  std::uintptr_t done() const { return done_.load(std::memory_order_acquire); }
  // Whether a huge page the filler faulted in was slow (see kSlowHugeNanoseconds).
  bool slow() const { return slow_.load(std::memory_order_relaxed); }

  // Faults in [at, at + n) here and now; answers whether huge pages were
  // slow there (huge, and n >= kStep took longer than the threshold).
  bool fault_in(std::uintptr_t at, std::size_t n, bool huge) const;
  // For the tests: the time a 2 MiB populate may take before huge pages
  // count as slow (set before the first request).
  void set_slow_threshold(long nanoseconds) { slow_ns_ = nanoseconds; }
  // Stops and joins the thread (the destructor does it too): the mapping
  // may be unmapped after.
  void stop();

 private:
  bool start();
  void run();
  static void* main(void* self);

  std::mutex mutex_;
  // Made by start, deleted by stop after the join; a forked child leaks
  // it: the parent's thread waited on it, and glibc's destroy of a
  // condition variable waits for its waiters, which the child does not have.
  std::condition_variable* wake_ = nullptr;
  // Under mutex_: the request, and where the thread goes on from.
  std::uintptr_t base_ = 0, cursor_ = 0, want_ = 0;
  bool huge_ = false;
  bool stop_ = false;
  bool started_ = false, failed_ = false;  // the asking side's own
  // The process that started the thread: a child forked without exec (a C
  // module's fork) has no thread, and the mutex may have been held at the
  // fork; there the filler is never asked, waited for or joined.
  pid_t owner_ = 0;
  long slow_ns_ = kSlowHugeNanoseconds;
  pthread_t thread_{};
  std::atomic<std::uintptr_t> done_{0};
  std::atomic<bool> slow_{false};
};

}  // namespace luasync
