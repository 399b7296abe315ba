-- Gathering many coroutine objects made in a loop: N asyncio.sleep(0) ops,
-- made in one step, then gathered (each wrapped in a task, as
-- asyncio.gather does). Not one of issue 17's workloads: a measure of what
-- a loop step pays for the coroutine objects it leaves unstarted for tasks
-- to run (ops.cpp's settle gives each a guard), the course's usual
-- `gather(*[sleep(...) for ...])`.  luasync gather_ops.lua [N]
-- The same in Python, for a side-by-side figure:
--   t0 = time.perf_counter()
--   await asyncio.gather(*[asyncio.sleep(0) for _ in range(N)])
local N = math.tointeger(tonumber(arg[1])) or 40000
local now = time.perf_counter

local t0 = now()
local ops = {}
for i = 1, N do ops[i] = asyncio.sleep(0, i) end
local res = await(asyncio.gather(table.unpack(ops, 1, N)))
local wall = now() - t0
assert(#res == N and res[N] == N)
print(("RESULT peer=luasync N=%d wall_s=%.4f us_per_op=%.2f"):format(N, wall, wall / N * 1e6))
