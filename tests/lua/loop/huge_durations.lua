-- Durations no clock can count. time.sleep refuses one whose nanoseconds do
-- not fit in 64 bits with Python's OverflowError (it returned at once: a
-- time_t could not hold it; under the virtual clock, time.sleep(math.huge)
-- made the loop's time infinite, and the next asyncio.sleep(1) was reported
-- as a deadlock). The loop's own deadlines take any length: a sleep, a
-- timeout, a callback at 1e300 seconds or infinity waits for ever, as in
-- CPython. A stream limit of 1e300 is a limit (it was refused as <= 0).
-- Reference: reference/huge_durations.py
local loop = asyncio.get_running_loop()
local function try(label, f)
  local ok, e = pcall(f)
  print(label, ok and "ok" or tostring(e))
end
local t0 = loop:time()
local function elapsed() return ("%.1f"):format(loop:time() - t0) end

try("time.sleep(1e19)", function() time.sleep(1e19) end)
try("time.sleep(inf)", function() time.sleep(math.huge) end)
try("time.sleep(-inf)", function() time.sleep(-math.huge) end)
try("time.sleep(9.3e9)", function() time.sleep(9.3e9) end)
try("OverflowError", function() error(asyncio.OverflowError("x")) end)
print("elapsed", elapsed())
await(asyncio.sleep(1))
print("after sleep(1)", elapsed())

try("wait_for(sleep(1e300), 0.5)", function() await(asyncio.wait_for(asyncio.sleep(1e300), 0.5)) end)
try("wait_for(sleep(inf), 0.5)", function() await(asyncio.wait_for(asyncio.sleep(math.huge), 0.5)) end)
try("timeout(1e300)", function()
  local _ <close> = asyncio.timeout(1e300)
  await(asyncio.sleep(0.5))
end)
try("wait_for(aw, inf)", function() await(asyncio.wait_for(asyncio.sleep(0.5), math.huge)) end)
try("call_later(1e300)", function() loop:call_later(1e300, print, "never"):cancel() end)
print("elapsed", elapsed())

local server = await(asyncio.start_server(function(_, w)
  w:write("hello\n")
  w:close()
end, "127.0.0.1", 0))
local host, port = server.sockets[1]:getsockname()
try("limit=1e300", function()
  local r, w = await(asyncio.open_connection(host, port, { limit = 1e300 }))
  print("", await(r:readline()))
  w:close()
end)
server:close()
await(server:wait_closed())
