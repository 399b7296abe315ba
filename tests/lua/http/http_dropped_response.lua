-- clock: real
-- A response dropped before its body was read to the end holds its
-- connection until it is collected (aiohttp's gives it back at its last
-- reference), and the loop never collected while transfers were alive: with
-- a session's limit of connections reached, the next request waited for
-- ever. A request that must wait for a connection now has a collection run
-- first: the dropped response's goes back at once. A response still held
-- is left alone and reads to its end.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check
local http = asyncio.http

-- A server of large bodies (the transfer pauses with ~1 MiB unread).
local body = string.rep("y", 4 * 1024 * 1024)
local server = await(asyncio.start_server(function(r, w)
  pcall(function()
    while true do
      local line = await(r:readline())
      if line == "" then return end
      repeat line = await(r:readline()) until line == "\r\n" or line == ""
      w:write("HTTP/1.1 200 OK\r\nContent-Length: " .. #body .. "\r\n\r\n")
      w:write(body)
      await(w:drain())
    end
  end)
  w:close()
end, "127.0.0.1", 0))
local host, port = server.sockets[1]:getsockname()
local url = ("http://%s:%d/big"):format(host, port)

local first_bytes = async(function(s)
  local r = await(s:get(url)) -- never closed, never read to the end
  return #await(r:read(1000))
end)

-- limit 1: one dropped response, then the next request.
do
  local s <close> = http.Session { limit = 1 }
  eq("the first request", await(asyncio.spawn(first_bytes, s)), 1000)
  local t0 = time.monotonic()
  local ok, n = pcall(await, asyncio.wait_for(first_bytes(s), 5))
  check("the next request got the connection back", ok and n == 1000, n)
  check("at once", time.monotonic() - t0 < 2, time.monotonic() - t0)
end

-- limit 2: one response held, one dropped: the third request gets the
-- dropped one's connection, and the held one still reads its whole body.
do
  local s <close> = http.Session { limit = 2 }
  local held = await(s:get(url))
  eq("the held response's first bytes", #await(held:read(1000)), 1000)
  eq("the dropped response", await(asyncio.spawn(first_bytes, s)), 1000)
  local ok, n = pcall(await, asyncio.wait_for(first_bytes(s), 5))
  check("the third request", ok and n == 1000, n)
  ok, n = pcall(function() return #await(held:text()) end)
  eq("the held response reads to its end", ok and n or tostring(n), #body - 1000)
end

server:close()
-- (a closed Session closes its connections: the handlers see their end)
local ok, e = pcall(await, asyncio.wait_for(server:wait_closed(), 5))
check("wait_closed after the sessions closed", ok, e)
cli.finish()
