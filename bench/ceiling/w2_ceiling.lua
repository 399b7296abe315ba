-- W2 (bench/w2_pingpong.lua) on ceiling.c's minimal runtime.
-- The collector paced as luasync paces it (src/lua/state.cpp).
collectgarbage("incremental", 400)
local C = require "ceiling"
local await = C.await
local M = math.tointeger(tonumber(arg[1])) or 2000000

local function ping(qa, qb)
  local v = 0
  for _ = 1, M do
    await(qa:put(v))
    v = await(qb:get())
  end
  assert(v == M)
end

local function pong(qa, qb)
  for _ = 1, M do
    local v = await(qa:get())
    await(qb:put(v + 1))
  end
end

local qa, qb = C.Queue(), C.Queue()
local t0 = os.clock()
C.spawn(ping, qa, qb)
C.spawn(pong, qa, qb)
C.run()
local wall = os.clock() - t0
print(("RESULT peer=ceiling M=%d wall_s=%.4f rate=%.0f"):format(M, wall, M / wall))
