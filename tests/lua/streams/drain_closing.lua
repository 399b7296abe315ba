-- drain() on a writer that is closing or closed lets the loop turn once
-- before it raises ConnectionResetError('Connection lost'), as CPython's
-- drain sleeps(0) whenever its transport is closing: also after
-- wait_closed(), when the connection is long gone. A reader's error is
-- raised at once, and a writer that is not closing returns at once.
local show = require "lib.show"
local p = show.p

local probe = async(function(name, aw)
  local events = {}
  asyncio.create_task(async(function() events[#events + 1] = "other" end)())
  local ok, r = pcall(await, aw)
  events[#events + 1] = "op"
  p(name, events[1] == "other" and "yields" or "does not yield", ok and "returned" or r)
end)

local handler = async(function(r, w)
  await(r:read())
  w:close()
end)
local server <close> = await(asyncio.start_server(handler, "127.0.0.1", 0))
local host, port = server.sockets[1]:getsockname()

local r, w = await(asyncio.open_connection(host, port))
w:close()
await(probe("drain right after close", w:drain()))
await(w:wait_closed())
await(probe("drain after wait_closed", w:drain()))
await(probe("drain after wait_closed, again", w:drain()))

r, w = await(asyncio.open_connection(host, port))
r:set_exception(asyncio.ValueError("reader exc"))
await(probe("drain with the reader's error", w:drain()))
w:close()

r, w = await(asyncio.open_connection(host, port))
r:feed_eof()
await(probe("drain of an open writer", w:drain()))
w:close()
await(w:wait_closed())
server:close()
await(server:wait_closed())
