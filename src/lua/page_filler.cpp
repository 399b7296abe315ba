#include "lua/page_filler.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <new>

namespace luasync {

PageFiller::~PageFiller() { stop(); }

void PageFiller::stop() {
  if (!started_) return;
  if (getpid() != owner_) {
    started_ = false;
    failed_ = true;
    return;
  }
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_->notify_one();
  pthread_join(thread_, nullptr);
  delete wake_;
  wake_ = nullptr;
  started_ = false;
  failed_ = true;
}

// Errors are ignored: a kernel without MADV_POPULATE_WRITE (before 5.14)
// faults the pages in as they are touched.
bool PageFiller::fault_in(std::uintptr_t at, std::size_t n, bool huge) const {
  if (!huge || n < kStep) {
    madvise(reinterpret_cast<void*>(at), n, MADV_POPULATE_WRITE);
    return false;
  }
  const auto begin = std::chrono::steady_clock::now();
  madvise(reinterpret_cast<void*>(at), n, MADV_POPULATE_WRITE);
  const auto took = std::chrono::steady_clock::now() - begin;
  return took > std::chrono::nanoseconds(slow_ns_) * static_cast<long>(n / kStep);
}

bool PageFiller::ask(std::uintptr_t base, std::uintptr_t from, std::uintptr_t to, bool huge) {
  if (!started_ && !start()) return false;
  if (getpid() != owner_) {
    stop();
    return false;
  }
  {
    std::lock_guard lock(mutex_);
    if (base != base_) {
      base_ = base;
      cursor_ = from;
      want_ = to;
    } else {
      cursor_ = std::max(cursor_, from);
      want_ = std::max(want_, to);
    }
    huge_ = huge;
  }
  wake_->notify_one();
  return true;
}

// The thread blocks every signal (they are the loop's, delivered to the
// main thread) and has a small stack: it calls madvise and the clock only.
bool PageFiller::start() {
  if (failed_) return false;
  sigset_t all, old;
  sigfillset(&all);
  pthread_attr_t attr;
  wake_ = new (std::nothrow) std::condition_variable;
  if (wake_ == nullptr || pthread_attr_init(&attr) != 0) {
    delete wake_;
    wake_ = nullptr;
    return !(failed_ = true);
  }
  pthread_attr_setstacksize(&attr, 64 * 1024);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  started_ = pthread_create(&thread_, &attr, &PageFiller::main, this) == 0;
  owner_ = getpid();
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  pthread_attr_destroy(&attr);
  failed_ = !started_;
  if (!started_) {
    delete wake_;
    wake_ = nullptr;
  }
  return started_;
}

void* PageFiller::main(void* self) {
  static_cast<PageFiller*>(self)->run();
  return nullptr;
}

// One step at a time, the lock released while the kernel works: a request
// made meanwhile moves the cursor (another mapping, or the asking side
// faulted in past it) and the step's end is published only if it still
// follows on from the cursor.
void PageFiller::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_->wait(lock, [this] { return stop_ || cursor_ < want_; });
    if (stop_) return;
    const std::uintptr_t at = cursor_;
    const std::size_t n = std::min<std::uintptr_t>(kStep, want_ - at);
    const bool huge = huge_;
    cursor_ = at + n;
    lock.unlock();
    const bool slow = fault_in(at, n, huge);
    lock.lock();
    if (slow) slow_.store(true, std::memory_order_relaxed);
    if (cursor_ == at + n) done_.store(at + n, std::memory_order_release);
  }
}

}  // namespace luasync
