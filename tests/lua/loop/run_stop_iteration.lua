-- When asyncio.run's main coroutine ends, the loop stops as CPython's does:
-- main's done callback (queued with call_soon when main ends) stops it, and
-- the loop ends the iteration under way first. So every entry of the next
-- iteration still runs -- the first step of a task main made in its last
-- step, the step of a task that was woken, a callback, the entries queued
-- after the stop's too -- and only then is what is left cancelled. The end
-- of a script is the end of its main task: the same holds there. A lesson's
-- fire-and-forget task thus prints its first line before it is cancelled.
-- Reference: reference/run_stop_iteration.py
local p = require("lib.show").p

-- A task made in main's last step takes its first step, then is cancelled.
local leftover = async(function(tag)
  print(tag, "leftover started")
  local ok, e = pcall(await, asyncio.sleep(10))
  print(tag, "leftover cancelled", not ok and asyncio.CancelledError:is(e))
  error(e, 0)
end)
local starts = async(function()
  asyncio.create_task(leftover("first"))
  return "main result"
end)
p("run gave", asyncio.run(starts()))

-- A task woken when main ends takes that step; the step after it, queued in
-- the stop's iteration, does not run before the cancellation.
local worker = async(function()
  print("worker step 1")
  await(asyncio.sleep(0))
  print("worker step 2")
  await(asyncio.sleep(0))
  print("worker step 3")
  local ok = pcall(await, asyncio.sleep(10))
  print("worker cancelled at its sleep(10)", not ok)
end)
local wakes = async(function()
  asyncio.create_task(worker())
  await(asyncio.sleep(0))
  print("main ends")
  return 1
end)
p("run gave", asyncio.run(wakes()))

-- Entries queued after the stop, in the iteration main ended in, run too
-- (CPython's loop runs every handle the iteration found ready).
local loop = asyncio.get_running_loop()
local late = async(function()
  print("late step 1")
  await(asyncio.sleep(0))
  print("late step 2")
  await(asyncio.sleep(0))
  print("late step 3")
end)
local after = async(function()
  local f = loop:create_future()
  loop:call_soon(function()
    f:set_result("set")
    -- late's first step comes after main's last one, in the same iteration
    asyncio.create_task(late())
  end)
  return await(f)
end)
p("run gave", asyncio.run(after()))

-- Callbacks and a first step, in the order they were queued.
local callbacks = async(function()
  loop:call_soon(function() print("call_soon callback ran") end)
  local f = loop:create_future()
  f:add_done_callback(function() print("done callback ran") end)
  f:set_result(1)
  asyncio.create_task(async(function() print("task first step ran") end)())
  return "callbacks"
end)
p("run gave", asyncio.run(callbacks()))

-- A main that fails stops the loop the same way.
local fails = async(function()
  asyncio.create_task(leftover("failing"))
  error(asyncio.ValueError("boom"))
end)
p("run gave", pcall(asyncio.run, fails()))

-- The script's end: its last line's task takes its first step, then is cancelled.
print("script ends")
asyncio.create_task(leftover("script"))
