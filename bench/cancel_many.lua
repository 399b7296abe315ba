-- Cancelling many tasks: N tasks (asyncio.spawn) each sleep 10 s; once all
-- have started, every one is cancelled and awaited in turn. Not one of
-- issue 17's workloads: a measure of what a cancellation costs (the task's
-- CancelledError raised at its await, its message handler taking its
-- frames, its end), as a TaskGroup's failure or a shutdown pays it for each
-- task.  luasync cancel_many.lua [N]
-- The same in Python, for a side-by-side figure:
--   async def s(): await asyncio.sleep(10)
--   ts = [asyncio.create_task(s()) for _ in range(N)]; await asyncio.sleep(0)
--   t0 = time.perf_counter(); [t.cancel() for t in ts]
--   await asyncio.gather(*ts, return_exceptions=True)
local N = math.tointeger(tonumber(arg[1])) or 100000
local now = time.perf_counter

local tasks = {}
for i = 1, N do tasks[i] = asyncio.spawn(function() await(asyncio.sleep(10)) end) end
await(asyncio.sleep(0))
local t0 = now()
for i = 1, N do tasks[i]:cancel() end
for i = 1, N do assert(not pcall(await, tasks[i])) end
local wall = now() - t0
for i = 1, N do assert(tasks[i]:cancelled()) end
print(("RESULT peer=luasync N=%d wall_s=%.4f us_per_task=%.2f"):format(N, wall, wall / N * 1e6))
