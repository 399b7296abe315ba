-- W1 spawn+gather on luasync: N tasks (asyncio.spawn), each awaits asyncio.sleep(0) once
-- and returns its index; one asyncio.gather collects them. Same arguments and RESULT keys
-- as shared/peers/luv/w1_spawn_gather.lua:  luasync w1_spawn_gather.lua [N]
local N = math.tointeger(tonumber(arg[1])) or 200000
local now = (rawget(_G, "time") and time.perf_counter) or function() return asyncio.get_running_loop():time() end

local sleep = asyncio.sleep
local function task(i)
  await(sleep(0))
  return i
end

local t0 = now()
local tasks = {}
for i = 1, N do tasks[i] = asyncio.spawn(task, i) end
local res = await(asyncio.gather(table.unpack(tasks, 1, N)))
local wall = now() - t0
local s = 0
for i = 1, N do s = s + res[i] end
assert(s == N * (N + 1) // 2, s)
print(("RESULT peer=luasync N=%d wall_s=%.4f rate=%.0f"):format(N, wall, N / wall))
