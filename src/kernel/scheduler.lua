-- The scheduler: the FIFO ready queue, deadlines on the C++ Loop, and the
-- driver that alternates polling the loop and running the ready queue.
--
-- An entry of the ready queue is (fn, a, b): fn(a, b) runs on a later
-- iteration. Each iteration runs exactly the entries that were ready when it
-- started, after appending I/O completions and the deadlines that came due,
-- as asyncio's BaseEventLoop._run_once does; entries added while it runs wait
-- for the next iteration. Only the driver calls these functions' fn: libuv
-- callbacks never call Lua.
local core = require "luasync.core"

local M = {}

local now = core.now
local timer_add, timer_cancel = core.timer_add, core.timer_cancel

-- The ready queue lives in the kernel (kernel.cpp): call_soon appends, each
-- iteration runs the entries present when it starts.
M.call_soon = core.call_soon

-- Deadline slots, indexed by the C++ heap's id: the entry to enqueue when the
-- deadline comes due. An id is reused once it fired or was cancelled, so
-- cancel_at checks that the slot still holds the owner it was given.
local tf, ta, tb = {}, {}, {}

-- call_at(when, fn, a, b) -> id. The owner `a` identifies the deadline for
-- cancel_at; it must not be nil.
local function call_at(when, fn, a, b)
  local id = timer_add(when)
  tf[id] = fn; ta[id] = a; tb[id] = b
  return id
end
M.call_at = call_at

-- The slot tables, for callers that must register a deadline without the
-- extra Lua frame of call_at (the sleep fast path; see task.lua).
function M.deadline_slots() return tf, ta, tb end

-- Cancels the deadline `id` if it is still pending and owned by `a`.
local function cancel_at(id, a)
  if ta[id] ~= a or tf[id] == nil then return false end
  timer_cancel(id)
  tf[id] = nil; ta[id] = nil; tb[id] = nil
  return true
end
M.cancel_at = cancel_at

M.now = now

-- Set by the driver's owner: called with no arguments when Ctrl-C arrives.
M.on_interrupt = nil
-- Set by the REPL: before_block() runs when the loop is about to wait (the
-- prompt is redrawn then); io_hook() runs after each poll, before the ready
-- queue (it turns terminal input into a completed future).
M.before_block = nil
M.io_hook = nil
-- Set by the REPL: true when io_hook has input to deliver without waiting
-- (a line read from a file), so the loop must not block or jump the clock.
M.io_ready = nil

-- One iteration (kernel.cpp's run_once, which reads the hooks above and the
-- deadline slots from this module). Returns false when nothing is ready and
-- nothing can ever become ready (no deadline, no I/O): the caller's wait can
-- never end.
M.run_once = core.run_once
M.slot_f, M.slot_a, M.slot_b = tf, ta, tb
core.kernel_state[core.SLOT_SCHED] = M

-- Set by the REPL: called when the loop stalls; true when it resolved the
-- stall (cancelled the waiting input) so the loop can go on.
M.on_stall = nil

-- run_until(done): runs iterations until done() is true, or until done is
-- done when it is a Future or Task. Returns true, or false when the loop
-- stalled first (nothing left that could make done() true, and on_stall did
-- not resolve it). In the kernel, like run_once.
M.run_until = core.run_until

return M
