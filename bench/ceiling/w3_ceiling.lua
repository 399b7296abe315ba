-- W3 (bench/w3_sleepers.lua) on w3_ceiling.c's minimal runtime: K tasks each
-- sleep a seeded random whole number of ms in 0..999 and bump a counter.
-- Prints the wall time to the last wake-up and the peak RSS (run it with
-- K = 0 too: bytes per task = (peak(K) - peak(0)) * 1024 / K).
-- The collector paced as luasync paces it (src/lua/state.cpp).
collectgarbage("incremental", 400)
local C = require "w3"
local await, sleep, spawn = C.await, C.sleep, C.spawn
local K = math.tointeger(tonumber(arg[1])) or 100000
math.randomseed(12345)

local count, t_last = 0, nil
local function sleeper(d)
  await(sleep(d))
  count = count + 1
  if count == K then t_last = C.now() end
end

local t0 = C.now()
local random = math.random
spawn(function()
  for _ = 1, K do spawn(sleeper, random(0, 999) / 1000) end
end)
C.run()
assert(count == K, count)
local wall = (t_last or C.now()) - t0
print(("RESULT peer=w3-ceiling K=%d wall_s=%.4f overshoot_ms=%.1f peak_kb=%d"):format(K, wall, (wall - 1) * 1000,
  C.peak_kb()))
