-- tg:cancel() (no reference: CPython 3.13 has no TaskGroup.cancel; this is
-- the semantics of CPython 3.15's, gh-108951 / PR 127214, whose docs say:
-- "cancel() will be called on any tasks in the group that aren't yet done,
-- as well as the parent (body) of the group. The task group context manager
-- will exit *without* asyncio.CancelledError being raised. [...] idempotent
-- and may be called after the task group has already exited").
-- One documented difference (docs/structured.md): in Lua a `<close>` handler
-- cannot swallow an error that is unwinding its scope, so when cancel()
-- interrupts the body, the body's CancelledError leaves the block. The
-- group has already taken its cancellation back (cancelling() is 0), so a
-- pcall around the block catches it and the task carries on.
-- Asserts its own expectations.

local log = {}
local function say(s) log[#log + 1] = s end

local function check(want)
  local got = table.concat(log, "\n")
  log = {}
  if got ~= table.concat(want, "\n") then
    error(("mismatch:\n--- want\n%s\n--- got\n%s"):format(table.concat(want, "\n"), got), 2)
  end
end

local slow = async(function(name)
  local ok, e = pcall(await, asyncio.sleep(1))
  if not ok then
    if asyncio.CancelledError:is(e) then say(name .. " cancelled") end
    error(e, 0)
  end
  say(name .. " finished")
end)

local loop = asyncio.get_running_loop()
local me = asyncio.current_task()

-- 1. called from the body: the children and the body are cancelled, the
--    block exits with the body's CancelledError, cancelling() is back to 0
local t0 = loop:time()
local c
local ok, e = pcall(function()
  local tg <close> = asyncio.TaskGroup()
  c = tg:create_task(slow("1 child"))
  await(asyncio.sleep(0))
  tg:cancel()
  say("1 body after cancel()")
  local ok2, e2 = pcall(await, asyncio.sleep(1))
  if not ok2 then
    if asyncio.CancelledError:is(e2) then say("1 body cancelled at its next await") end
    error(e2, 0)
  end
  say("1 body not cancelled")
end)
say("1 block exit ok=" .. tostring(ok) .. (ok and "" or " " .. tostring(e)))
say("1 child cancelled=" .. tostring(c:cancelled()) .. " cancelling=" .. me:cancelling())
say(("1 took %.1f s"):format(loop:time() - t0))
check({
  "1 body after cancel()",
  "1 child cancelled",
  "1 body cancelled at its next await",
  "1 block exit ok=false CancelledError",
  "1 child cancelled=true cancelling=0",
  "1 took 0.0 s",
})

-- 2. called by a child: the same, the body's pending await is cancelled
t0 = loop:time()
ok, e = pcall(function()
  local tg <close> = asyncio.TaskGroup()
  c = tg:create_task(slow("2 child"))
  tg:spawn(function()
    await(asyncio.sleep(0.5))
    say("2 canceller calls tg:cancel()")
    tg:cancel()
  end)
  local ok2, e2 = pcall(await, asyncio.sleep(10))
  if not ok2 then
    if asyncio.CancelledError:is(e2) then say("2 body cancelled") end
    error(e2, 0)
  end
end)
say("2 block exit ok=" .. tostring(ok) .. (ok and "" or " " .. tostring(e)))
say("2 cancelling=" .. me:cancelling() .. (" took %.1f s"):format(loop:time() - t0))
check({
  "2 canceller calls tg:cancel()",
  "2 child cancelled",
  "2 body cancelled",
  "2 block exit ok=false CancelledError",
  "2 cancelling=0 took 0.5 s",
})

-- 3. idempotent, and a no-op once the group has exited
-- (the child is cancelled before its first step, so its body never runs,
-- as in CPython)
local kept, child
do
  local tg <close> = asyncio.TaskGroup()
  kept = tg
  child = tg:create_task(slow("3 child"))
  tg:cancel()
  tg:cancel()
end
kept:cancel()
say("3 child cancelled=" .. tostring(child:cancelled()))
say("3 cancelling=" .. me:cancelling())
await(asyncio.sleep(0.01))
say("3 main still runs")
check({ "3 child cancelled=true", "3 cancelling=0", "3 main still runs" })
print("ok")
