-- Writes to a StreamWriter after its close while earlier data is still
-- queued (the peer is slow) are sent before the connection closes, as
-- CPython 3.13's socket transport appends them to its buffer: close() only
-- marks it closing, and write() drops data only once the connection is
-- lost (writes_after_close.lua: dropped and counted).
local show = require "lib.show"
local p = show.p

local go = asyncio.Event()
local got = {}

local handler = async(function(r, w)
  await(go:wait()) -- a slow peer: nothing read until the client wrote all
  while true do
    local b = await(r:read(65536))
    if b == "" then break end
    got[#got + 1] = b
  end
  w:close()
  await(w:wait_closed())
end)

local server = await(asyncio.start_server(handler, "127.0.0.1", 0))
local host, port = server.sockets[1]:getsockname()
local r, w = await(asyncio.open_connection(host, port))
local big = string.rep("a", 16 * 1024 * 1024)
w:write(big)
p("queued before close", w.transport:get_write_buffer_size() > 0)
w:close()
p("closing", w:is_closing(), w.transport:is_closing())
for i = 0, 7 do w:write("b" .. i) end
w:write("")
p("queued after close", w.transport:get_write_buffer_size() > 0)
go:set()
await(w:wait_closed())
p("closed")
server:close()
await(server:wait_closed())
local data = table.concat(got)
p("received", #data, #big + 16, data:sub(-20))
