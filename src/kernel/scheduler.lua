-- What the library schedules with: the FIFO ready queue and deadlines
-- (kernel/ready_queue.cpp, kernel/timers.cpp). Each loop iteration runs the
-- entries that were ready when it started, after appending I/O completions
-- and the deadlines that came due, as asyncio's BaseEventLoop._run_once
-- does; entries added while it runs wait for the next iteration. Only the
-- driver (kernel/driver.cpp) runs them: libuv callbacks never call Lua.
local core = require "luasync.core"

local M = {}

-- call_soon(fn, a, b): fn(a, b) on the next iteration.
M.call_soon = core.call_soon
-- call_at(when, fn, a, b) -> id: fn(a, b) once the loop's clock reaches
-- when. The owner `a` identifies the deadline for cancel_at; it must not be nil.
M.call_at = core.call_at
-- cancel_at(id, a) -> removed: cancels the deadline `id` if it is still
-- pending and owned by `a` (an id is reused once its deadline came due).
M.cancel_at = core.cancel_at
-- now(): the loop's clock, in seconds.
M.now = core.now

-- collect_soon([obj]): a collection soon, so that the finalizers of what
-- nobody holds any more run: what CPython does at an object's last
-- reference (a server's writer that a handler left open, an HTTP response
-- dropped unread, each holding a connection), the collector here does
-- whenever it next comes to it -- in a quiet program, maybe never. It runs
-- in slices of about a millisecond when the loop would otherwise wait, or,
-- while the loop is busy, when a tenth of the time allows; one answers
-- every request made before it. obj: the object whose finalizer is wanted,
-- if known (a cycle under way that finds it gone answers then)
-- (kernel/collect_soon.cpp).
M.collect_soon = core.collect_soon

return M
