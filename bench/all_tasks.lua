-- asyncio.all_tasks() over many tasks: N tasks wait on an event (every tenth
-- named), then ten calls list them. Its cost per task should not grow with N:
-- compare N and 10*N.  luasync all_tasks.lua [N]
-- The same in Python, for a side-by-side figure (CPython answers a set):
--   ts = [asyncio.create_task(gate.wait()) for _ in range(N)]; await asyncio.sleep(0)
--   t0 = time.perf_counter(); [asyncio.all_tasks() for _ in range(10)]
local N = math.tointeger(tonumber(arg[1])) or 100000
local now = time.perf_counter

local gate = asyncio.Event()
local function wait_gate() await(gate:wait()) end
local waiter = async(wait_gate)
for i = 1, N do
  if i % 10 == 0 then
    asyncio.create_task(waiter(), { name = "n" .. i })
  else
    asyncio.spawn(wait_gate)
  end
end
await(asyncio.sleep(0))
local t0 = now()
for _ = 1, 10 do assert(#asyncio.all_tasks() == N + 1) end
local wall = now() - t0
gate:set()
print(("RESULT peer=luasync N=%d wall_s=%.4f us_per_task_call=%.3f"):format(N, wall, wall / N / 10 * 1e6))
