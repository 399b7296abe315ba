-- W2 ping-pong on luasync: two tasks pass a counter through two asyncio.Queue
-- objects, M round trips. Same arguments and RESULT keys as
-- shared/peers/luv/w2_pingpong.lua:  luasync w2_pingpong.lua [M]
local M = math.tointeger(tonumber(arg[1])) or 500000
local now = (rawget(_G, "time") and time.perf_counter) or function() return asyncio.get_running_loop():time() end

local function ping(qa, qb)
  local v = 0
  for _ = 1, M do
    await(qa:put(v))
    v = await(qb:get())
  end
  return v
end

local function pong(qa, qb)
  for _ = 1, M do
    local v = await(qa:get())
    await(qb:put(v + 1))
  end
end

local qa, qb = asyncio.Queue(), asyncio.Queue()
local t0 = now()
local a = asyncio.spawn(ping, qa, qb)
local b = asyncio.spawn(pong, qa, qb)
local v = await(a); await(b)
local wall = now() - t0
assert(v == M, v)
print(("RESULT peer=luasync M=%d wall_s=%.4f rate=%.0f"):format(M, wall, M / wall))
