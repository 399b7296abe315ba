-- A URL or a header with a NUL byte is refused with ValueError "embedded
-- null character" when awaited, before any connection: curl reads them as
-- C strings, up to the NUL, so "http://127.0.0.1:PORT\0.evil.example/"
-- reached 127.0.0.1:PORT and a header "b\0c" went out as "b". The server
-- sees no connection. (A NUL in the path or in params is sent as %00.)
local cli = require "lib.cli"
local eq = cli.eq
local http = asyncio.http

local connections = 0
local srv <close> = await(asyncio.start_server(function(_, w)
  connections = connections + 1
  w:close()
end, "127.0.0.1", 0))
local _, port = srv.sockets[1]:getsockname()
local base = "http://127.0.0.1:" .. port

local function outcome(aw)
  local ok, e = pcall(await, aw)
  return ok and "sent" or tostring(e)
end
local REFUSED = "ValueError: embedded null character"
eq("a host with a NUL", outcome(http.get(base .. "\0.evil.example/")), REFUSED)
eq("a header value with a NUL", outcome(http.get(base .. "/", { headers = { ["X-A"] = "b\0c" } })), REFUSED)
eq("a header name with a NUL", outcome(http.get(base .. "/", { headers = { ["X-A\0B"] = "c" } })), REFUSED)
do
  local s <close> = http.Session { headers = { ["X-S"] = "s\0t" } }
  eq("a session's header with a NUL", outcome(s:get(base .. "/")), REFUSED)
end
await(asyncio.sleep(0.05))
eq("connections the server saw", connections, 0)
cli.finish()
