-- clock: real
-- What goes wrong, with aiohttp's classes and Python's errors: a refused
-- connection, a server that closes early or sends less than it announced,
-- a timeout (the request's own, or wait_for's), a cancelled request (its
-- transfer stops at once and the Session goes on), a name that does not
-- resolve, a reply that is not HTTP, a timeout that runs out while the
-- request waits for a free connection of its Session, a Session closed
-- while a request is under way.
local cli = require "lib.cli"
local eq, check, has = cli.eq, cli.check, cli.has
local http = asyncio.http
local server = require("lib.http_server").start()
local base = server.base

local ok, e = pcall(await, http.get("http://127.0.0.1:1/"))
check("refused", not ok and asyncio.ConnectionRefusedError:is(e) and asyncio.OSError:is(e), e)
eq("refused: text", tostring(e), "ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 1)")
eq("refused: errno", e.errno .. " " .. e.code, "111 ECONNREFUSED")
-- The address named is the one the connection was tried at: after a
-- redirect, where it led; for a name, the address it resolved to (as
-- asyncio.open_connection names it).
ok, e = pcall(await, http.get(base .. "/offsite", { params = { to = "http://127.0.0.1:1/x" } }))
eq("refused after a redirect", tostring(e), "ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 1)")
ok, e = pcall(await, http.get("http://localhost:1/"))
local _, tried = pcall(await, asyncio.open_connection("localhost", 1))
check("refused at a name: the address tried", tostring(e):find("Connect call failed ('127.0.0.1', 1)", 1, true) or
  tostring(e):find("Connect call failed ('::1', 1, 0, 0)", 1, true), e)
if not tostring(tried):find("Multiple exceptions", 1, true) then  -- (a name with one address)
  eq("refused at a name: as open_connection says it", tostring(e), tostring(tried))
end

ok, e = pcall(await, http.get(base .. "/close"))
eq("closed without a response", tostring(e), "ServerDisconnectedError: Server disconnected")
check("a ClientError", http.ClientError:is(e))

local r = await(http.get(base .. "/truncated"))
eq("truncated: the head is fine", r.status, 200)
ok, e = pcall(await, r:text())
check("truncated: the body fails", not ok and http.ClientPayloadError:is(e), e)
has("truncated: text", tostring(e), "ClientPayloadError: Response payload is not completed: transfer closed " ..
  "with 500 bytes remaining to read")

local t0 = time.monotonic()
ok, e = pcall(await, http.get(base .. "/slow?delay=2", { timeout = 0.2 }))
check("timeout option", not ok and asyncio.TimeoutError:is(e), e)
check("timeout: in time", time.monotonic() - t0 < 1, time.monotonic() - t0)
-- A timeout longer than curl's clock can count is no limit (1e16 s, beyond
-- a long's milliseconds, was 1 ms: an instant TimeoutError).
for _, long in ipairs({ 1e9, 1e16, 1e300 }) do
  ok, e = pcall(function() return await(http.get(base .. "/hello", { timeout = long })).status end)
  eq("a timeout of " .. long .. " s", ok and e or tostring(e), 200)
end

do
  local s <close> = http.Session { base_url = base, timeout = 0.2 }
  t0 = time.monotonic()
  ok, e = pcall(await, s:get("/slow?delay=2"))
  check("a Session's timeout", not ok and asyncio.TimeoutError:is(e), e)
  check("a Session's timeout: in time", time.monotonic() - t0 < 1, time.monotonic() - t0)
end

t0 = time.monotonic()
ok, e = pcall(await, asyncio.wait_for(http.get(base .. "/slow?delay=2"), 0.2))
check("wait_for", not ok and asyncio.TimeoutError:is(e), e)
check("wait_for: in time", time.monotonic() - t0 < 1, time.monotonic() - t0)

-- Cancelled in the middle of a body: the request ends at once; the same
-- Session serves the next request (on a fresh connection).
do
  local s <close> = http.Session { base_url = base, limit = 1 }
  local got
  local t = asyncio.spawn(function()
    local resp = await(s:get("/slowbody?delay=2"))
    got = await(resp:read(5))
    await(resp:read())  -- waits for the rest
  end)
  while not got do await(asyncio.sleep(0.01)) end
  eq("the first bytes came", got, "12345")
  t0 = time.monotonic()
  t:cancel()
  ok, e = pcall(await, t)
  check("cancelled", not ok and asyncio.CancelledError:is(e), e)
  eq("the next request", await((await(s:get("/hello"))):text()), "hello world")
  check("at once, not after the slow body", time.monotonic() - t0 < 1, time.monotonic() - t0)
end

-- A response dropped half-read is stopped when collected.
do
  local resp = await(http.get(base .. "/big?mb=8"))
  eq("a big response", resp.status, 200)
  resp = nil
  collectgarbage()
  collectgarbage()
end
eq("the client goes on", await((await(http.get(base .. "/hello"))):text()), "hello world")

ok, e = pcall(await, http.get("http://nonexistent.invalid/"))
check("a name that does not resolve", not ok and asyncio.OSError:is(e), e)
has("its text", tostring(e), "Name or service not known")
eq("its errno, as socket.gaierror's", e.errno, -2)
ok, e = pcall(await, http.get(base .. "/offsite", { params = { to = "http://nonexistent.invalid:8080/" } }))
eq("a name that does not resolve, after a redirect", tostring(e),
  "OSError: [Errno -2] Name or service not known: nonexistent.invalid:8080")

ok, e = pcall(await, http.get(base .. "/garbage"))
check("not HTTP: aiohttp's ClientResponseError", not ok and http.ClientResponseError:is(e), e)
eq("not HTTP: the message", tostring(e), "ClientResponseError: not an HTTP response: Received HTTP/0.9 when not " ..
  "allowed, url='" .. base .. "/garbage'")

-- The timeout counts the wait for a connection (Session{limit = 1}, held by
-- a slow request): curl's own timeout would not.
do
  local s <close> = http.Session { base_url = base, limit = 1 }
  local hog = asyncio.create_task(s:get("/slow", { params = { delay = 3 } }))
  await(asyncio.sleep(0.1))
  local t0 = time.monotonic()
  ok, e = pcall(await, s:get("/hello", { timeout = 0.5 }))
  check("waiting for a connection: TimeoutError", not ok and asyncio.TimeoutError:is(e), e)
  eq("its message", tostring(e), "TimeoutError: timed out after the request's timeout: " .. base .. "/hello")
  local took = time.monotonic() - t0
  check("after the timeout", took >= 0.45 and took < 2, took)
  hog:cancel()
end

-- Closing a Session fails its requests under way (aiohttp closes their
-- connections): the task does not wait for the slow server.
do
  local s = http.Session { base_url = base }
  local t = asyncio.create_task(s:get("/slow", { params = { delay = 3 } }))
  await(asyncio.sleep(0.1))
  local t0 = time.monotonic()
  s:close()
  ok, e = pcall(await, t)
  eq("a request under way when its Session closes", tostring(e), "ClientConnectionError: Session is closed")
  check("a ClientError", http.ClientError:is(e), e)
  check("at once", time.monotonic() - t0 < 1, time.monotonic() - t0)
end

-- A body read after the response was closed: aiohttp's error; a HEAD
-- response's empty body reads as "".
do
  local r = await(http.get(base .. "/big?mb=1"))
  r:close()
  ok, e = pcall(await, r:read(10))
  eq("read after close", tostring(e), "ClientConnectionError: Connection closed")
  check("ServerDisconnectedError is a ClientConnectionError", http.ClientConnectionError:is(
    http.ServerDisconnectedError("x")))
  r = await(http.head(base .. "/hello"))
  eq("a HEAD response's body", await(r:text()), "")
end

server.stop()
cli.finish()
