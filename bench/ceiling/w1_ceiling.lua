-- W1 (bench/w1_spawn_gather.lua) on w1_ceiling.c's minimal runtime.
-- The collector paced as luasync paces it (src/lua/state.cpp).
collectgarbage("incremental", 400)
local C = require "w1"
local await, sleep0, spawn = C.await, C.sleep0, C.spawn
local N = math.tointeger(tonumber(arg[1])) or 200000

local function task(i)
  await(sleep0())
  return i
end

local rate
spawn(function()
  local t0 = os.clock()
  local tasks = {}
  for i = 1, N do tasks[i] = spawn(task, i) end
  local res = await(C.gather(table.unpack(tasks, 1, N)))
  local wall = os.clock() - t0
  local s = 0
  for i = 1, N do s = s + res[i] end
  assert(s == N * (N + 1) // 2, s)
  rate = N / wall
  print(("RESULT peer=w1-ceiling N=%d wall_s=%.4f rate=%.0f"):format(N, wall, rate))
end)
C.run()
assert(rate, "the main task did not finish")
