-- time.sleep(NaN) raises Python's "ValueError: Invalid value NaN (not a
-- number)" and does not move the clock; it said "sleep length must be
-- non-negative", which NaN is not.
-- Reference: reference/time_sleep_nan.py
local p = require("lib.show").p
local t0 = time.monotonic()
for _, v in ipairs { 0 / 0, -(0 / 0) } do
  local ok, e = pcall(time.sleep, v)
  p("time.sleep(nan)", ok, e, asyncio.ValueError:is(e))
end
p("elapsed", ("%.1f"):format(time.monotonic() - t0))
