-- Removing many done callbacks from one future: N distinct functions are
-- added, then removed one by one, first added first. Each removal scans the
-- whole list (it must count every registration), as CPython's does, so the
-- total grows as N^2: compare N and 10*N with CPython's.  luasync remove_done_callback.lua [N]
-- The same in Python:
--   fns = [(lambda x: None) for _ in range(N)]; [f.add_done_callback(fn) for fn in fns]
--   t0 = time.perf_counter(); [f.remove_done_callback(fn) for fn in fns]
local N = math.tointeger(tonumber(arg[1])) or 5000
local now = time.perf_counter

local f = asyncio.Future()
local fns = {}
for i = 1, N do
  fns[i] = function() end
  f:add_done_callback(fns[i])
end
local t0 = now()
for i = 1, N do assert(f:remove_done_callback(fns[i]) == 1) end
local wall = now() - t0
print(("RESULT peer=luasync N=%d wall_s=%.4f us_per_remove=%.2f"):format(N, wall, wall / N * 1e6))
