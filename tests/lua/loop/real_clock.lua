-- clock: real
-- The real clock is right too: sleeps take their time (never less), tasks
-- sleep concurrently, loop:time() follows the monotonic clock, and the
-- blocking time.sleep really blocks every task. Bounds are generous: this
-- checks correctness, not speed.
local loop = asyncio.get_running_loop()

local function elapsed(f)
  local t0, m0 = loop:time(), time.monotonic()
  f()
  local dt = loop:time() - t0
  assert(math.abs((time.monotonic() - m0) - dt) < 0.05, "loop:time() and time.monotonic() disagree")
  return dt
end

local dt = elapsed(function() await(asyncio.sleep(0.2)) end)
assert(dt >= 0.2 and dt < 1.0, ("sleep(0.2) took %.3f s"):format(dt))

dt = elapsed(function()
  await(asyncio.gather(asyncio.sleep(0.3), asyncio.sleep(0.2), asyncio.sleep(0.1)))
end)
assert(dt >= 0.3 and dt < 1.2, ("three concurrent sleeps took %.3f s"):format(dt))

-- A blocking time.sleep in one task holds up a sleeping task behind it.
local woke_at
dt = elapsed(function()
  local t0 = loop:time()
  local sleeper = asyncio.spawn(function() await(asyncio.sleep(0.05)); woke_at = loop:time() - t0 end)
  local blocker = asyncio.spawn(function() time.sleep(0.3) end)
  await(sleeper); await(blocker)
end)
assert(woke_at >= 0.3, ("the sleeper woke at %.3f s, during a blocking time.sleep"):format(woke_at))
assert(dt >= 0.3 and dt < 1.2)

-- time.time() moves with the wall clock.
local w0 = time.time()
await(asyncio.sleep(0.1))
local w = time.time() - w0
assert(w >= 0.09 and w < 1.0, ("time.time() moved %.3f s"):format(w))
print("ok")
