-- start_server and start_unix_server let the other tasks run while the
-- server is made, as CPython's: for an address (no lookup) the loop turns
-- 3 times before the socket is made (CPython gathers a lookup task per
-- host), and once more after a server starts serving (its sleep(0)); a Unix
-- server turns only that once. Server:start_serving() turns once too. So a
-- task cancelled at its first step makes no socket.
-- Reference: reference/server_start_turns.py
local p = require("lib.show").p
local fds = require "lib.fds"
local path = os.tmpname()
os.remove(path)

local count = 0
local ticker = asyncio.create_task(async(function()
  while true do
    count = count + 1
    await(asyncio.sleep(0))
  end
end)())
local function turns(name, make)
  await(asyncio.sleep(0))
  local before = count
  local r = await(make())
  p(name, count - before)
  return r
end

local h = function(_, w) w:close() end
local s = turns("start_server", function() return asyncio.start_server(h, "127.0.0.1", 0) end)
s:close()
s = turns("start_server, not serving", function()
  return asyncio.start_server(h, "127.0.0.1", 0, { start_serving = false })
end)
turns("start_serving()", function() return s:start_serving() end)
s:close()
s = turns("start_unix_server", function() return asyncio.start_unix_server(h, path) end)
s:close()
s = turns("start_unix_server, not serving", function()
  return asyncio.start_unix_server(h, path, { start_serving = false })
end)
s:close()
ticker:cancel()

-- cancelled at its first step: no socket made
local loop = asyncio.get_running_loop()
local before = fds.count()
local t = loop:create_task(asyncio.start_server(h, "127.0.0.1", 0))
loop:call_soon(function() t:cancel() end)
local ok = pcall(await, t)
p("creation cancelled:", not ok and t:cancelled(), "descriptors left:", fds.count() - before)
