-- Waiters of a Lock, Semaphore, Event or Condition that leave from the
-- middle of the queue (cancelled, a timeout) leave at a constant cost, and
-- the others keep their order. Each left by searching the deque of waiters
-- and shifting its tail down: cancelling every other one of 40,000 waiters
-- took 10 s (CPython, whose deque.remove searches too: 3 s; luasync now
-- 0.3 s). The cost is counted in Lua VM instructions (a count hook on each
-- waiter's own coroutine, where it leaves), so it does not depend on the
-- machine's load.
-- Reference: reference/waiters_cancelled_middle.py

local p = require("lib.show").p

-- The bracketed part of the repr: "locked, waiters:4".
local function state(prim) return (tostring(prim):match("%[(.*)%]>")) end

-- 1. Lock: waiters cancelled from the middle, the newest and the oldest
--    leave; the others keep their order, and newcomers queue behind them
local lock = asyncio.Lock()
await(lock:acquire())
local function locker(name)
  local ok, e = pcall(function()
    local _ <close> = await(lock:acquire())
    p("lock", name, "has it")
    await(asyncio.sleep(0))
  end)
  if not ok then
    if asyncio.CancelledError:is(e) then p("lock", name, "cancelled") end
    error(e, 0)
  end
end
local ws = {}
for i = 1, 8 do ws[i] = asyncio.spawn(locker, "w" .. i) end
await(asyncio.sleep(0))
for _, i in ipairs({ 2, 4, 5, 7 }) do ws[i]:cancel() end
await(asyncio.sleep(0))
p("lock", state(lock))
for _, i in ipairs({ 9, 10 }) do ws[i] = asyncio.spawn(locker, "w" .. i) end
await(asyncio.sleep(0))
ws[10]:cancel()
ws[1]:cancel()
await(asyncio.sleep(0))
p("lock", state(lock))
lock:release()
ws[#ws + 1] = { return_exceptions = true }
await(asyncio.gather(table.unpack(ws)))
p("lock", state(lock))

-- 2. Semaphore: the same
local sem = asyncio.Semaphore(1)
await(sem:acquire())
local function taker(name)
  local ok, e = pcall(function()
    local _ <close> = await(sem:acquire())
    p("sem", name, "has it")
    await(asyncio.sleep(0))
  end)
  if not ok then
    if asyncio.CancelledError:is(e) then p("sem", name, "cancelled") end
    error(e, 0)
  end
end
ws = {}
for i = 1, 8 do ws[i] = asyncio.spawn(taker, "w" .. i) end
await(asyncio.sleep(0))
for _, i in ipairs({ 3, 4, 6 }) do ws[i]:cancel() end
await(asyncio.sleep(0))
p("sem", state(sem))
ws[9] = asyncio.spawn(taker, "w9")
await(asyncio.sleep(0))
sem:release()
ws[#ws + 1] = { return_exceptions = true }
await(asyncio.gather(table.unpack(ws)))
p("sem", state(sem))

-- 3. Event: cancelled waiters leave, set() wakes the rest in order
local ev = asyncio.Event()
local function waiter(name)
  local ok, e = pcall(await, ev:wait())
  if ok then
    p("event", name, "woke")
  else
    if asyncio.CancelledError:is(e) then p("event", name, "cancelled") end
    error(e, 0)
  end
end
ws = {}
for i = 1, 6 do ws[i] = asyncio.spawn(waiter, "w" .. i) end
await(asyncio.sleep(0))
for _, i in ipairs({ 2, 5 }) do ws[i]:cancel() end
await(asyncio.sleep(0))
p("event", state(ev))
ev:set()
ws[#ws + 1] = { return_exceptions = true }
await(asyncio.gather(table.unpack(ws)))
p("event", state(ev))

-- 4. Condition: waiters cancelled from the middle pass a notification on
--    as they leave (a spurious wake-up, as asyncio's do); notify_all wakes
--    the rest in order
local cond = asyncio.Condition()
local function cwaiter(name)
  local ok, e = pcall(function()
    local _ <close> = await(cond:acquire())
    await(cond:wait())
    p("cond", name, "woke")
  end)
  if not ok then
    if asyncio.CancelledError:is(e) then p("cond", name, "cancelled") end
    error(e, 0)
  end
end
ws = {}
for i = 1, 6 do ws[i] = asyncio.spawn(cwaiter, "w" .. i) end
await(asyncio.sleep(0))
for _, i in ipairs({ 3, 4 }) do ws[i]:cancel() end
await(asyncio.sleep(0))
p("cond", state(cond))
do
  local _ <close> = await(cond:acquire())
  cond:notify_all()
end
ws[#ws + 1] = { return_exceptions = true }
await(asyncio.gather(table.unpack(ws)))
p("cond", state(cond))

-- 5. The cost: n waiters, every other one cancelled (they leave from the
--    middle, the survivors before them stay), then the rest go. Counted in
--    the waiters' coroutines from their start to their end, per waiter.
local count = 0
local function counted(wait_once)
  return function()
    debug.sethook(function() count = count + 1 end, "", 1)
    local ok, e = pcall(wait_once)
    debug.sethook()
    if not ok and not asyncio.CancelledError:is(e) then error(e, 0) end
  end
end

local kinds = {
  Lock = function(n)
    local l = asyncio.Lock()
    await(l:acquire())
    return counted(function() local _ <close> = await(l:acquire()) end), function() l:release() end
  end,
  Semaphore = function(n)
    local s = asyncio.Semaphore(0)
    return counted(function() local _ <close> = await(s:acquire()) end), function() s:release() end
  end,
  Event = function(n)
    local e = asyncio.Event()
    return counted(function() await(e:wait()) end), function() e:set() end
  end,
}

local function per_waiter(kind, n)
  local body, go = kinds[kind](n)
  local tasks = {}
  for i = 1, n do tasks[i] = asyncio.spawn(body) end
  await(asyncio.sleep(0))
  count = 0
  for i = 2, n, 2 do tasks[i]:cancel() end
  await(asyncio.sleep(0))
  go()
  for i = 1, n do await(tasks[i]) end
  return count / n
end

for _, kind in ipairs({ "Lock", "Semaphore", "Event" }) do
  local small, big = per_waiter(kind, 500), per_waiter(kind, 8000)
  io.stderr:write(("%s: %.1f VM instructions per waiter over 500 waiters, %.1f over 8,000\n"):format(kind, small, big))
  assert(big < small * 1.5, kind .. ": a waiter's cost grows with the number of waiters")
end
p("waiters leave from the middle at a constant cost")
