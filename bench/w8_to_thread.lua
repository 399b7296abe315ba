-- W8 to_thread round trips on luasync: N sequential await(asyncio.to_thread(f, i)) of a
-- job that only returns its argument. Same arguments and RESULT keys as
-- shared/peers/py/w8_to_thread.py:  luasync w8_to_thread.lua [N]
local N = math.tointeger(tonumber(arg[1])) or 20000

local function nothing(i) return i end

local t0 = time.perf_counter()
local s = 0
for i = 0, N - 1 do
  s = s + await(asyncio.to_thread(nothing, i))
end
local wall = time.perf_counter() - t0
assert(s == N * (N - 1) // 2, s)
print(("RESULT peer=luasync N=%d wall_s=%.4f rate=%.0f"):format(N, wall, N / wall))
