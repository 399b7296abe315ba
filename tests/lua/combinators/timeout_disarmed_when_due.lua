-- A timeout left in the loop iteration whose start found its deadline due:
-- the task's wake-up was queued first, then the deadline passed (a blocking
-- time.sleep), so that iteration runs the wake-up -- the task leaves the
-- scope -- and then the expiry, which must do nothing: the task goes on
-- uncancelled. (The timeout's deadline is the loop's own since it stopped
-- making a Handle per scope; a deadline already due cannot be taken back,
-- so the expiry must know itself stale.)
-- Reference: reference/timeout_disarmed_when_due.py
local p = require("lib.show").p

local loop = asyncio.get_running_loop()
local ev = asyncio.Event()
local holder = {}

local waker = async(function()
  ev:set()
  holder.cm:reschedule(loop:time() + 0.001)
  time.sleep(0.002)
  p("waker done")
end)

local cm
local w
do
  local scope <close> = asyncio.timeout(nil)
  cm = scope
  holder.cm = cm
  w = asyncio.create_task(waker())
  await(ev:wait())
  p("woken", "expired", cm:expired())
end
p("left the scope", "expired", cm:expired())
for _ = 1, 3 do await(asyncio.sleep(0)) end
p("still running", "cancelling", asyncio.current_task():cancelling())
await(w)

-- wait_for: the same for its timeout
local ev2 = asyncio.Event()
local setter = async(function()
  ev2:set()
  time.sleep(0.002)
  p("setter done")
end)
local inner = async(function()
  await(ev2:wait())
  return "value"
end)
local s = asyncio.create_task(setter())
p("wait_for", await(asyncio.wait_for(inner(), 0.001)))
for _ = 1, 3 do await(asyncio.sleep(0)) end
p("still running", "cancelling", asyncio.current_task():cancelling())
await(s)

-- A deadline due in the iteration where a callback, run before it,
-- reschedules the timeout into the past: the due expiry is stale, the new
-- one expires the scope once, TimeoutError, the task no longer cancelling.
local when = loop:time() + 0.05
loop:call_at(when, function()
  p("rescheduled into the past")
  holder.cm3:reschedule(loop:time() - 1)
end)
local ok, e = pcall(function()
  local scope <close> = asyncio.timeout_at(when)
  holder.cm3 = scope
  await(asyncio.sleep(1))
end)
p("raised TimeoutError", not ok and asyncio.TimeoutError:is(e), "cancelling", asyncio.current_task():cancelling(),
  "expired", holder.cm3:expired())
