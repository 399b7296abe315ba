-- W3 sleepers on luasync: K tasks (asyncio.spawn) each sleep a seeded random whole number
-- of ms in 0..999, then bump a counter; the last one sets a Future that the main task
-- awaits. K=0 is the peak-RSS baseline. Same arguments and RESULT keys as
-- shared/peers/luv/w3_sleepers.lua:  luasync w3_sleepers.lua [K]
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

local t0 = now()
local random, spawn = math.random, asyncio.spawn
for _ = 1, K do spawn(sleeper, random(0, 999) / 1000) end
if K > 0 then await(done) end
local wall = now() - t0
assert(count == K)
print(("RESULT peer=luasync K=%d wall_s=%.4f overshoot_ms=%.1f"):format(K, wall, (wall - 1) * 1000))
