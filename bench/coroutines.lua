-- Issue 13, point 9: Lua's own coroutines inside luasync, against lua5.4.
-- N round trips through coroutine.resume/yield, then N through a
-- coroutine.wrap function; the same file runs under both interpreters.
--   luasync bench/coroutines.lua [N]     lua5.4 bench/coroutines.lua [N]
local n = math.tointeger(tonumber(arg and arg[1])) or 1000000
local clock = os.clock
local t0 = clock()
local co = coroutine.create(function()
  while true do coroutine.yield(1) end
end)
local resume = coroutine.resume
for _ = 1, n do resume(co) end
local f = coroutine.wrap(function()
  while true do coroutine.yield(1) end
end)
for _ = 1, n do f() end
local secs = clock() - t0
print(("RESULT workload=coroutines n=%d seconds=%.3f round_trips_per_sec=%.0f"):format(n, secs, 2 * n / secs))
