-- tostring of a Timeout is Python's repr: its state, and while it is active
-- when=round(when, 3) as Python prints that number (when=None without a
-- deadline).
-- Reference: reference/timeout_repr.py
local p = require("lib.show").p

local main = async(function()
  local loop = asyncio.get_running_loop()
  for _, when in ipairs({ 100000.5, 100000.25, 1234.5678, 12.0, 2.675, 100, 1e16, 99999999999.9995 }) do
    local cm <close> = asyncio.timeout_at(loop:time() + 1000)
    cm:reschedule(when)
    p(cm)
    cm:reschedule(nil)
  end
  local cm
  do
    cm = asyncio.timeout(nil)
    local _ <close> = cm
    p(cm)
  end
  p(cm)
  local ok, e = pcall(function()
    cm = asyncio.timeout(0.1)
    local _ <close> = cm
    await(asyncio.sleep(1))
  end)
  assert(not ok and asyncio.TimeoutError:is(e), tostring(e))
  p(cm, cm:expired())
end)

asyncio.run(main())
