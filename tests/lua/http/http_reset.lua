-- A connection reset by the server (RST, not a clean close). On a connection
-- kept alive from an earlier request, the request is sent again on a fresh
-- connection, as curl's own tool does: a Session's three requests to a
-- server that resets each connection at its second request all get their
-- answer. On a fresh connection the reset is the request's error, Python's
-- ConnectionResetError, as a stream's read would raise it.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check
local http = asyncio.http
local server = require("lib.http_server").start()

do
  local s <close> = http.Session { base_url = server.base }
  for i = 1, 3 do
    local ok, r = pcall(await, s:get("/reset-next"))
    check("request " .. i .. " on a connection the server resets: answered", ok, r)
    if ok then
      eq("request " .. i .. ": its status", r.status, 200)
      eq("request " .. i .. ": its body", await(r:text()), "answered, and the next request resets")
    end
  end
end

local ok, e = pcall(await, http.get(server.base .. "/reset"))
check("a fresh connection reset: the request fails", not ok)
eq("its error", tostring(e), "ConnectionResetError: [Errno 104] Connection reset by peer")
check("a ConnectionResetError, an OSError", asyncio.ConnectionResetError:is(e) and asyncio.OSError:is(e), e)
eq("errno and code", ok or (tostring(e.errno) .. " " .. tostring(e.code)), "104 ECONNRESET")

-- The client goes on after a reset.
eq("then a request", await((await(http.get(server.base .. "/hello"))):text()), "hello world")

server.stop()
cli.finish()
