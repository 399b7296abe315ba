-- The ready queue after batches of thousands of entries: entries still run
-- first in, first out, callbacks, task steps and due sleeps alike, in
-- asyncio's order; and once such a batch has run, the queue does not keep
-- the room it took (a million tasks woken at once took 48 MB of it).
local loop = asyncio.get_running_loop()
local N = 20000

local heap_kb = require "lib.heap"

-- One batch of N callbacks, then N tasks each stepping twice, then N
-- sleepers all due at the same instant: each in the order it was made.
local order = {}
local function note(i) order[#order + 1] = i end
local before = heap_kb()
for i = 1, N do loop:call_soon(note, i) end
await(asyncio.sleep(0))
assert(#order == N, #order)
for i = 1, N do assert(order[i] == i, "callback " .. i .. " ran as " .. tostring(order[i])) end
order = nil
await(asyncio.sleep(0))  -- this step ran in that batch: the next is past it
local after = heap_kb()
-- The loop's set of scheduled handles keeps the hash part it grew (32,768
-- nodes: 768 KB, and some); the queue's tables, had they kept their arrays
-- of 32,768 slots (a function and an argument an entry), would add 1 MB.
assert(after - before < 1200, ("the heap grew by %.0f KB"):format(after - before))

local steps = {}
local tasks = {}
for i = 1, N do
  tasks[i] = asyncio.spawn(function(k)
    steps[#steps + 1] = k
    await(asyncio.sleep(0))
    steps[#steps + 1] = -k
  end, i)
end
await(asyncio.gather(table.unpack(tasks)))
assert(#steps == 2 * N, #steps)
for i = 1, N do
  assert(steps[i] == i, "first step " .. i)
  assert(steps[N + i] == -i, "second step " .. i)
end

-- Sleepers due together wake in the order they slept (luasync's deadlines
-- keep the order they were set in; CPython's heap of timers does not
-- promise it); a callback due at the same instant, set after them, runs
-- after all their wake-ups and before the steps they lead to (asyncio: the
-- timer handles run, then the tasks' steps one iteration later).
local woke = {}
tasks = {}
local t = loop:time() + 0.5
for i = 1, N do
  tasks[i] = asyncio.spawn(function(k)
    await(asyncio.sleep(t - loop:time()))
    woke[#woke + 1] = k
  end, i)
end
await(asyncio.sleep(0))
loop:call_at(t, function() woke[#woke + 1] = "timer" end)
await(asyncio.gather(table.unpack(tasks)))
assert(#woke == N + 1, #woke)
assert(woke[1] == "timer", "the timer ran after the sleepers' steps: " .. tostring(woke[1]))
for i = 1, N do assert(woke[i + 1] == i, "sleeper " .. i .. " woke as " .. tostring(woke[i + 1])) end

-- Cancelled while its wake-up waits in the queue: the task sees
-- CancelledError, not the end of its sleep.
local seen
local sleeper = asyncio.spawn(function()
  local ok, e = pcall(await, asyncio.sleep(0.1))
  seen = ok and "slept" or tostring(e)
end)
await(asyncio.sleep(0))
loop:call_at(loop:time() + 0.1, function() sleeper:cancel() end)
await(asyncio.sleep(0.2))
assert(seen:match("CancelledError"), seen)
print("ok")
