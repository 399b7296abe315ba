-- W3 sleepers on luasync: K tasks (asyncio.spawn) each sleep a seeded random whole number
-- of ms in 0..999, then bump a counter; the last one sets a Future that the main task
-- awaits. K=0 is the peak-RSS baseline. Same arguments and RESULT keys as
-- shared/peers/luv/w3_sleepers.lua:  luasync w3_sleepers.lua [K]
-- With W3_LATENESS=1 it also measures how late each task woke against its own
-- deadline (max_late_ms, an extra key); that costs a deadline per task, so it
-- is off for the memory figure.
local K = math.tointeger(tonumber(arg[1])) or 100000
local now = (rawget(_G, "time") and time.perf_counter) or function() return asyncio.get_running_loop():time() end
math.randomseed(12345)

local count = 0
local done = asyncio.get_running_loop():create_future()
local sleep = asyncio.sleep
local function sleeper(d)
  await(sleep(d))
  count = count + 1
  if count == K then done:set_result(true) end
end

local max_late = 0
local function timed_sleeper(d)
  local deadline = now() + d  -- the sleep's own deadline, from its first step
  await(sleep(d))
  local late = now() - deadline
  if late > max_late then max_late = late end
  count = count + 1
  if count == K then done:set_result(true) end
end
local lateness = os.getenv("W3_LATENESS") == "1"
-- With W3_PHASES=1 it says where the time went (extra keys, seconds from the
-- start): the spawns done, the last first step run, the first wake-up run.
local started, spawned_at, steps_at, woke_at = 0, nil, nil, nil
local function phased_sleeper(d)
  started = started + 1
  if started == K then steps_at = now() end
  await(sleep(d))
  woke_at = woke_at or now()
  count = count + 1
  if count == K then done:set_result(true) end
end
local phases = os.getenv("W3_PHASES") == "1"

local t0 = now()
local random, spawn = math.random, asyncio.spawn
if lateness then
  for _ = 1, K do spawn(timed_sleeper, random(0, 999) / 1000) end
elseif phases then
  for _ = 1, K do spawn(phased_sleeper, random(0, 999) / 1000) end
  spawned_at = now()
else
  for _ = 1, K do spawn(sleeper, random(0, 999) / 1000) end
end
if K > 0 then await(done) end
local wall = now() - t0
assert(count == K)
local extra = lateness and (" max_late_ms=%.1f"):format(max_late * 1000) or ""
if phases and K > 0 then
  extra = (" spawned_s=%.2f first_steps_done_s=%.2f first_wake_s=%.2f"):format(spawned_at - t0, steps_at - t0, woke_at - t0)
end
print(("RESULT peer=luasync K=%d wall_s=%.4f overshoot_ms=%.1f%s"):format(K, wall, (wall - 1) * 1000, extra))
