-- A host with a NUL byte is refused with Python's ValueError "embedded null
-- character" when awaited, before any lookup or socket: the system would
-- read the name up to the NUL, so open_connection("127.0.0.1\0.evil", port)
-- connected to 127.0.0.1, and "localhost\0.evil.example" resolved
-- localhost. The server at that port sees no connection. loop:getaddrinfo
-- refuses it too (CPython's looks up the name cut at the NUL: luasync
-- refuses what would reach another host).
-- Reference: reference/host_nul.py
local p = require("lib.show").p

local accepted = 0
local srv <close> = await(asyncio.start_server(function(_, w)
  accepted = accepted + 1
  w:close()
end, "127.0.0.1", 0))
local _, port = srv.sockets[1]:getsockname()

local function try(what, aw)
  local ok, r, w = pcall(await, aw)
  if ok then
    if w then w:close() elseif r then r:close() end
    p(what, "connected")
  else
    p(what, r)
  end
end
try("open_connection ip", asyncio.open_connection("127.0.0.1\0.evil.example", port))
try("open_connection name", asyncio.open_connection("localhost\0.evil.example", port))
try("start_server", asyncio.start_server(function() end, "127.0.0.1\0.evil.example", 0))
await(asyncio.sleep(0.05))
p("connections accepted", accepted)

-- (no reference: CPython's loop.getaddrinfo resolves "localhost")
local ok, e = pcall(await, asyncio.get_running_loop():getaddrinfo("localhost\0.evil.example", port))
if ok or tostring(e) ~= "ValueError: embedded null character" then
  error("getaddrinfo of a name with a NUL: " .. tostring(e), 0)
end
