-- clock: real
-- Worker threads run at once: two CPU-bound jobs end in about the time of
-- one (this machine has 2 cores; the suite runs tests side by side, so the
-- best of three tries is asserted, loosely), and time.sleep in a job
-- blocks only its worker while a ticker keeps ticking on the loop.
local cli = require "lib.cli"
local check = cli.check

local function spin(n)
  local x = 0
  for i = 1, n do x = x + i % 7 end
  return x
end
local N = 20000000
local function timed(...)
  local t0 = time.monotonic()
  await(asyncio.gather(...))
  return time.monotonic() - t0
end

local best = math.huge
for _ = 1, 3 do
  local one = timed(asyncio.to_thread(spin, N))
  local two = timed(asyncio.to_thread(spin, N), asyncio.to_thread(spin, N))
  best = math.min(best, two / one)
  if best < 1.5 then break end
end
check("two jobs in about the time of one", best < 1.5, ("two took %.2f times one"):format(best))

-- The loop is not blocked by a worker's time.sleep.
local ticks = 0
local ticker = asyncio.spawn(function()
  while true do
    await(asyncio.sleep(0.01))
    ticks = ticks + 1
  end
end)
local t0 = time.monotonic()
await(asyncio.to_thread(time.sleep, 0.3))
local took = time.monotonic() - t0
ticker:cancel()
check("the job slept", took >= 0.3, took)
check("the ticker kept ticking", ticks >= 15, ticks)
cli.finish()
