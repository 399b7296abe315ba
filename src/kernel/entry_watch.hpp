// What the loop thread is running, told to a thread that may not touch Lua:
// live inspection's (diag/inspect.cpp), which answers `luasync ps` while a
// task blocks the loop. entry_watch.cpp.
//
// The loop thread publishes a record as each timed ready entry begins and
// ends (only while --inspect is on: the ready queue then takes its timed
// path, which it takes for debug mode and tracing too), and as a blocking
// call it knows (time.sleep, a read of stdin) begins and ends. Any thread
// reads it. The record is no state of its own: its start is the kernel's
// Kernel::entry_start (when the running entry began, on the loop's clock:
// what a trace's os.exit step reads too), published where another thread
// may read it; the loop thread keeps no copy.
//
// Invariant: `seq` is odd exactly while the loop thread writes; a reader
// that saw the same even `seq` before and after its reads (read_entry) read
// one whole record. Every field is an atomic: no data race, whatever the
// timing (a seqlock as Boehm's "Can seqlocks get along with programming
// language memory models?" writes it).
#pragma once

#include <atomic>
#include <cstdint>
#include <lua.hpp>

namespace luasync::kernel {

struct Kernel;

// What runs: nothing of the user's (between entries: the driver, a
// collection), a task's step, or a callback.
enum class RunningKind : int { None, Task, Callback };

// A copy of the record, for a reader.
struct EntryRecord {
  static constexpr int kNameBytes = 64;
  static constexpr int kCallBytes = 192;
  RunningKind kind = RunningKind::None;
  const void* task = nullptr;  // the task's identity (lua_topointer), for kind Task
  lua_Integer number = 0;      // n of Task-<n>, when the task has no name of its own
  double started = 0;          // monotonic_seconds() when it began (kind None: when the last entry ended)
  double loop_time = 0;        // the loop's clock then (Kernel::entry_start; virtual under --clock=virtual)
  char name[kNameBytes] = {};  // the task's name, when it has one ("" otherwise; cut)
  char call[kCallBytes] = {};  // the blocking call it is in, and where: "time.sleep(2) at x.lua:3"
};

struct EntryWatch {
  std::atomic<std::uint64_t> seq{0};
  std::atomic<int> kind{0};
  std::atomic<const void*> task{nullptr};
  std::atomic<lua_Integer> number{0};
  std::atomic<double> started{0};
  std::atomic<double> loop_time{0};
  std::atomic<std::uint64_t> name[EntryRecord::kNameBytes / 8] = {};
  std::atomic<std::uint64_t> call[EntryRecord::kCallBytes / 8] = {};
  // Whether the loop's clock is the real one, monotonic_seconds() (set
  // before the reading thread starts): then `started` is `loop_time`, read
  // once.
  bool real_clock = true;
  // The loop thread's own: when the driver next asks the Lua side for a
  // snapshot of the tasks while idle.
  double next_idle_snapshot = 0;
};

// [-0, +0] (loop thread) The timed entry that began at Kernel::entry_start
// is about to run: the step of the task at index `task` (0 for a callback,
// or for kind None a wake-up).
void entry_begins(lua_State* L, Kernel& k, int task, RunningKind kind);
// (loop thread) The entry ended at `now` (the loop's clock): nothing of the
// user's runs. (An entry whose error leaves run_ready ends at the next
// one's beginning.)
void entry_ends(Kernel& k, double now);
// [-0, +0] (loop thread) A blocking call begins in the running entry: its
// text ("time.sleep(2)") and the line of the user's code that made it (the
// first frame of L's stack that is not the runtime's). `text` null: it
// ended. Nothing unless the watch is on.
void entry_blocking_call(lua_State* L, const char* text);
// Whether the watch is on (a blocking call then formats its text).
bool entry_watched(lua_State* L);
// [-0, +0] (loop thread, from a kernel binding) The loop is about to wait:
// asks the Lua side (inspect_idle) for a snapshot of the tasks, at most
// about once a second, and at most a twentieth of the time.
void idle_snapshot(lua_State* L, Kernel& k);
// (any thread) The record as it stands.
EntryRecord read_entry(const EntryWatch& w);

}  // namespace luasync::kernel
