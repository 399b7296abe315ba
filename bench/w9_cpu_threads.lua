-- W9 CPU-bound jobs on threads on luasync: the time of one job alone, then of two at once
-- through asyncio.to_thread; speedup = 2 * one / two (2.0: perfectly parallel). Same
-- arguments, job and RESULT keys as shared/peers/py/w9_cpu_threads.py:
--   luasync w9_cpu_threads.lua [ITERS]
local ITERS = math.tointeger(tonumber(arg[1])) or 3000000

local function spin(n)
  local x = 0
  for i = 0, n - 1 do x = (x + i * i) % 1000003 end
  return x
end

local t0 = time.perf_counter()
await(asyncio.to_thread(spin, ITERS))
local one = time.perf_counter() - t0
t0 = time.perf_counter()
await(asyncio.gather(asyncio.to_thread(spin, ITERS), asyncio.to_thread(spin, ITERS)))
local two = time.perf_counter() - t0
print(("RESULT peer=luasync iters=%d one_s=%.4f two_s=%.4f speedup=%.2f"):format(ITERS, one, two, 2 * one / two))
