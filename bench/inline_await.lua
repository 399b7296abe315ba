-- await(f(x)) of an async function that has its answer at once: the most
-- common await of real code (a helper that returns without suspending).
-- N of them in one step; CPython's twin is inline_await.py.
--   luasync bench/inline_await.lua [N]
local n = math.tointeger(tonumber(arg and arg[1])) or 1000000
local add_one = async(function(x) return x + 1 end)
local t0 = os.clock()
local sum = 0
for i = 1, n do sum = sum + await(add_one(i)) end
local secs = os.clock() - t0
assert(sum == n * (n + 1) // 2 + n)
print(("RESULT workload=inline_await n=%d seconds=%.3f awaits_per_sec=%.0f heap_kb=%.0f"):format(n, secs, n / secs,
  collectgarbage("count")))
