-- fuzz: terminates
-- The loop's call_soon, call_later, call_at, handles, a failing callback.
local loop = asyncio.get_running_loop()
local t0 = loop:time()
local function log(what) print(("%.1f %s"):format(loop:time() - t0, what)) end

loop:call_later(2, log, "call_later(2)")
loop:call_at(t0 + 1, log, "call_at(t0 + 1)")
loop:call_soon(log, "call_soon")
local h = loop:call_later(1.5, log, "never runs")
h:cancel()
print(h:cancelled(), h:when() - t0, loop:get_debug())
loop:call_soon(function() error("callback failed") end)
loop:call_soon(function() print("await in a callback:", pcall(await, asyncio.sleep(0))) end)
loop:call_soon(function() asyncio.create_task(asyncio.sleep(0.5)) end)
loop:set_debug(true)
local t = loop:create_task(asyncio.sleep(3, "task done"))
log(await(t))
loop:set_debug(false)
print(loop:is_running(), loop:is_closed(), loop.slow_callback_duration)
print(pcall(loop.call_later, loop, "x", print))
