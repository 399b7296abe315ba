-- Under the virtual clock, far deadlines. The clock's nanoseconds
-- (time.monotonic_ns, perf_counter_ns, time_ns) raise Python's
-- OverflowError once they no longer fit in 64 bits (~292 years): after
-- sleep(1e10) they gave math.mininteger. A sleep of any finite length is a
-- deadline the clock jumps to: sleep(1e300) was reported as a deadlock
-- ("no ready task, timer or I/O"), its deadline rounded to nanoseconds
-- becoming infinite, while sleep(1e18) woke; sleep(math.huge) alone stays
-- a deadline that never comes.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check
local OVERFLOW = "OverflowError: timestamp too large to convert to C PyTime_t"

local function ns_outcome(f)
  local ok, v = pcall(f)
  return ok and math.type(v) or tostring(v)
end
local t0 = time.monotonic()
eq("monotonic_ns at the start", ns_outcome(time.monotonic_ns), "integer")
check("monotonic_ns agrees with monotonic", math.abs(time.monotonic_ns() / 1e9 - t0) < 1e-6)

await(asyncio.sleep(9e9)) -- ~285 years: still inside
eq("monotonic_ns after 9e9 s", ns_outcome(time.monotonic_ns), "integer")
check("it counts them", math.abs(time.monotonic_ns() / 1e9 - (t0 + 9e9)) < 1e-3)

await(asyncio.sleep(1e9)) -- past 2^63 ns
for _, name in ipairs { "monotonic_ns", "perf_counter_ns", "time_ns" } do
  eq(name .. " past 2^63 ns", ns_outcome(time[name]), OVERFLOW)
end
-- (A deadline is rounded to whole nanoseconds, which at 1e19 ns are 2,048
-- apart in a double: the clock may land a few microseconds short of
-- t0 + 1e10, by how t0 rounds; 1 in 12 runs did.)
check("monotonic() goes on", time.monotonic() >= t0 + 1e10 - 1e-4)

await(asyncio.sleep(1e18))
check("sleep(1e18) woke", time.monotonic() >= 1e18)
await(asyncio.sleep(1e300))
eq("sleep(1e300) woke at its deadline", time.monotonic(), t0 + 1e10 + 1e18 + 1e300)
cli.finish()
