// What `luasync ps` answers while a step blocks the loop in a C function
// (time.sleep, a read, os.execute...), when the loop cannot run Lua to list
// its tasks: busy_answer.cpp. The inspector's thread makes it, from what
// the loop thread published (kernel/entry_watch.hpp) and the last snapshot
// of the tasks the loop gave (asyncio/inspect.lua writes its rows).
#pragma once

#include <cstddef>
#include <string>

#include "kernel/entry_watch.hpp"

namespace luasync::diag {

// The last snapshot of one kind ("ps" or "pstree"), as the loop gave it.
struct Snapshot {
  std::string rows;  // asyncio/inspect.lua's snapshot(): a line a row
  double taken = 0;  // monotonic_seconds() when it was given (0: never)
};

// How the loop thread was found, for the words of the answer.
enum class ThreadState { Unknown, Running, Waiting };

// The answer: what runs and for how long (`now`: monotonic_seconds()), in
// which blocking call if the loop thread named one, then the tasks of the
// snapshot, their sleeps counted to `loop_now` (the loop's clock now), the
// running task's row saying so; the rows fit `columns`, the asker's width
// (0: any), as asyncio/listing.lua's format fits them.
std::string busy_answer(const char* kind, size_t columns, const kernel::EntryRecord& running, ThreadState state,
                        const Snapshot& snapshot, double now, double loop_now);

}  // namespace luasync::diag
