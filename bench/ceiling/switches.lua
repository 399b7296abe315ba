-- Two coroutines resumed alternately: W2's two task switches per round
-- trip, with nothing else.
local M = math.tointeger(tonumber(arg[1])) or 5000000
local a = coroutine.wrap(function() while true do coroutine.yield() end end)
local b = coroutine.wrap(function() while true do coroutine.yield() end end)
local t0 = os.clock()
for _ = 1, M do a(); b() end
local wall = os.clock() - t0
print(("RESULT peer=switches M=%d wall_s=%.4f rate=%.0f"):format(M, wall, M / wall))
