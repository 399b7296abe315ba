-- Reprs show NaN and infinities as Python's repr does (nan, inf, -inf),
-- not as Lua's tostring on x86 ("-nan" for 0/0): a Queue's maxsize, a
-- Semaphore's value, a Barrier's parties, a Future's result. Python takes
-- these values too (reference/nan_reprs.py).
local function show(x) print((tostring(x):gsub("0x%x+", "0x..."))) end

local nan, inf = 0 / 0, math.huge
show(asyncio.Queue(nan))
show(asyncio.Queue(inf))
show(asyncio.Semaphore(nan))
show(asyncio.Barrier(nan))
local loop = asyncio.get_running_loop()
for _, v in ipairs({ nan, inf, -inf }) do
  local f = loop:create_future()
  f:set_result(v)
  show(f)
end
