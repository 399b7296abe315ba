-- A Session closed after a response's head came, but before the task that
-- waits for it resumed (the news was delivered in the same loop turn as the
-- close, earlier), answers that request: the response is returned, its body
-- read as far as it had come (a whole one whole; an unfinished one raises
-- at the end of what came), as aiohttp's: its protocol's DataQueue gives
-- what was fed before the connection was lost (read() returns a buffered
-- message even once set_exception ran). luasync raised "Session is closed"
-- for it. A close that comes before the head's news still fails the
-- request, as aiohttp's transport.close() stops reading what had not been
-- read; so does the next hop of a redirect answered so.
-- The close is ordered by call_soon: the server writes the response at turn
-- N; the client's poll at turn N+1 reads it, and its news comes after the
-- callback queued at N (A), which queues the close (B) after the news, and
-- before the woken task (queued by the news, after B).
local cli = require "lib.cli"
local eq = cli.eq
local http = asyncio.http
local loop = asyncio.get_running_loop()

-- The outcome of a GET through a Session that `closing(s)` closes, to a
-- server that answers `response`: "status body" or the error's text.
local function outcome(response, closing)
  local s = http.Session()
  local server <close> = await(asyncio.start_server(function(reader, writer)
    repeat local line = await(reader:readline()) until line == "\r\n" or line == ""
    writer:write(response)
    closing(s)
    pcall(await, reader:read())  -- (a half-read connection the client closes is reset)
    writer:close()
  end, "127.0.0.1", 0))
  local _, port = server.sockets[1]:getsockname()
  local ok, r = pcall(await, s:get("http://127.0.0.1:" .. port .. "/"))
  s:close()
  if not ok then return tostring(r) end
  local ok2, body = pcall(await, r:text())
  return r.status .. " " .. tostring(body)
end

local function after_the_news(s) loop:call_soon(function() loop:call_soon(function() s:close() end) end) end
local function before_the_news(s) s:close() end

eq("closed after the head's news: answered, the whole body read",
  outcome("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", after_the_news), "200 hello")
eq("closed after the head's news, the body unfinished: answered, its read raises",
  outcome("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello", after_the_news),
  "200 ClientConnectionError: Session is closed")
eq("closed before the head's news: the request fails",
  outcome("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", before_the_news),
  "ClientConnectionError: Session is closed")
eq("a redirect answered after the close: its next hop fails",
  outcome("HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n", after_the_news),
  "ClientConnectionError: Session is closed")
cli.finish()
