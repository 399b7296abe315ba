-- clock: real
-- A Session's close closes its connections at once, the idle (keep-alive)
-- ones too, as aiohttp's closes its connector's. They stayed open until the
-- Session was collected: a program making sessions in turn ran out of
-- descriptors (EMFILE, shown as "Couldn't connect to server"), and a
-- server's wait_closed waited for the client's collection. Also: a request
-- in flight fails with the documented error, closing twice and from a
-- callback are harmless, the later collection of a closed session is too,
-- and a connect that finds no descriptor says so.
local cli = require "lib.cli"
local eq, check, has = cli.eq, cli.check, cli.has
local http = asyncio.http
local server = require("lib.http_server").start()

-- The descriptors open in this process (the shell's parent). The pipe of
-- the popen counts the same in every call.
-- (The least of three: a listing may see the write end of its own pipe,
-- which popen closes after the shell started: lib/fds.lua.)
local function fds()
  local least
  for _ = 1, 3 do
    local p = io.popen("ls /proc/$PPID/fd | wc -l")
    local n = tonumber(p:read("a"))
    p:close()
    least = least and math.min(least, n) or n
  end
  return least
end

-- N sessions in turn, each used once on a keep-alive connection, then
-- closed: no descriptor left, with no collection.
collectgarbage("stop")
do
  local s <close> = http.Session { base_url = server.base }
  eq("a first session (curl loaded)", await((await(s:get("/hello"))):text()), "hello world")
end
-- (the baseline once the first session's teardown is over: under ASan a
-- descriptor of it was once still open here, and every count below read
-- one less)
await(asyncio.sleep(0.2))
local before = fds()
for _ = 1, 40 do
  local s <close> = http.Session { base_url = server.base }
  await((await(s:get("/hello"))):text())
end
eq("40 sessions closed: descriptors as before", fds(), before)
for _ = 1, 20 do
  local s = http.Session { base_url = server.base }
  await((await(s:get("/hello"))):text())
  s:close()
  s:close() -- closing twice does nothing
end
eq("20 sessions closed twice: descriptors as before", fds(), before)
collectgarbage("restart")

-- Closed, then collected: the finalizer finds it closed.
do
  local s = http.Session { base_url = server.base }
  local r = await(s:get("/hello"))
  s:close()
  local ok, e = pcall(await, s:get("/hello"))
  has("a request after the close", not ok and tostring(e), "RuntimeError: Session is closed")
  s, r = nil, nil
  collectgarbage()
  collectgarbage()
  eq("collected after the close: descriptors as before", fds(), before)
end

-- A request in flight when its session closes fails with the documented
-- error; so does a body still coming.
do
  local s = http.Session { base_url = server.base }
  local job = asyncio.spawn(function() return await(s:get("/slow", { params = { delay = "0.5" } })) end)
  await(asyncio.sleep(0.1))
  s:close()
  local ok, e = pcall(await, job)
  has("a request in flight", not ok and tostring(e), "ClientConnectionError: Session is closed")

  s = http.Session { base_url = server.base }
  local r = await(s:get("/slowbody", { params = { delay = "0.5" } }))
  s:close()
  ok, e = pcall(function() return await(r:text()) end)
  has("a body in flight", not ok and tostring(e), "ClientConnectionError: Session is closed")
  r = nil
end

-- What of a body had come before the close is still read, as aiohttp 3.8
-- gives it (checked against it on this server): a finished body whole
-- (also the rest of one read in part), an unfinished one up to what came,
-- read as a stream; then the read raises (aiohttp's waits for its timeout).
-- The part that had come was dropped at the close.
do
  local s = http.Session { base_url = server.base }
  local whole = await(s:get("/hello"))
  local part = await(s:get("/hello"))
  eq("the first bytes of one", await(part:read(3)), "hel")
  local coming = await(s:get("/slowbody", { params = { delay = "0.5" } }))
  await(asyncio.sleep(0.2)) -- (its first 5 bytes are in)
  s:close()
  eq("a finished body after the close", await(whole:text()), "hello world")
  eq("the rest of one read in part", await(part:read()), "lo world")
  local got = {}
  for _ = 1, 4 do
    local ok, v = pcall(function() return await(coming:read(3)) end)
    got[#got + 1] = ok and v or tostring(v)
  end
  eq("an unfinished body: what had come, then the error", table.concat(got, " | "),
    "123 | 45 | ClientConnectionError: Session is closed | ClientConnectionError: Connection closed")
end

-- Closed from a callback while a request waits for its head.
do
  local s = http.Session { base_url = server.base }
  local job = asyncio.spawn(function() return await(s:get("/slow", { params = { delay = "0.5" } })) end)
  await(asyncio.sleep(0.1))
  asyncio.get_running_loop():call_soon(function() s:close() end)
  local ok, e = pcall(await, job)
  has("closed from a callback", not ok and tostring(e), "ClientConnectionError: Session is closed")
  await(asyncio.sleep(0.6)) -- (the server's slow answer goes to a closed socket)
  eq("after the closes in flight: descriptors as before", fds(), before)
end

server.stop()

-- A local server's wait_closed returns once the client session closed:
-- the keep-alive connection it served goes away with the session.
do
  local srv = await(asyncio.start_server(function(r, w)
    pcall(function()
      while true do
        local line = await(r:readline())
        if line == "" then return end
        repeat line = await(r:readline()) until line == "\r\n" or line == ""
        w:write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        await(w:drain())
      end
    end)
    w:close()
  end, "127.0.0.1", 0))
  local host, port = srv.sockets[1]:getsockname()
  collectgarbage("stop")
  local s = http.Session()
  eq("the local server's answer", await((await(s:get(("http://%s:%d/"):format(host, port)))):text()), "ok")
  s:close()
  srv:close()
  local ok, e = pcall(await, asyncio.wait_for(srv:wait_closed(), 5))
  check("wait_closed returns after the session closed", ok, e)
  collectgarbage("restart")
end

-- A connect that finds no descriptor free says so (it said only "Couldn't
-- connect to server"): the soft limit lowered a little above what is open,
-- then files opened until none is left.
do
  local srv = await(asyncio.start_server(function(_, w) w:close() end, "127.0.0.1", 0))
  local host, port = srv.sockets[1]:getsockname()
  local s = http.Session()
  local url = ("http://%s:%d/"):format(host, port)
  local p = io.popen("prlimit --pid $PPID --nofile --raw --noheadings")
  local soft, hard = p:read("a"):match("(%d+)%s+(%d+)%s+files")
  p:close()
  io.popen(("prlimit --pid $PPID --nofile=%d:%s"):format(fds() + 8, hard)):close()
  local held = {}
  while true do
    local f = io.open("/dev/null")
    if not f then break end
    held[#held + 1] = f
  end
  local ok, e = pcall(await, s:get(url))
  for _, f in ipairs(held) do f:close() end
  io.popen(("prlimit --pid $PPID --nofile=%s:%s"):format(soft, hard)):close()
  s:close()
  has("the error names the cause", not ok and tostring(e), "Too many open files")
  eq("its code", type(e) == "table" and e.code, "EMFILE")
  srv:close()
  await(srv:wait_closed())
end

cli.finish()
