-- A listening socket whose reading side is shut down (shutdown(SHUT_RD):
-- it listens no more, and stays readable) makes every accept fail with
-- EINVAL, an error that is not a lack of resources (those rest the server:
-- server_accept_emfile). CPython's selector loop reports it as its reader
-- callback's error, "Exception in callback
-- BaseSelectorEventLoop._accept_connection()" with that handle and no
-- socket; so does luasync. CPython keeps the reader and reports again at
-- every turn, thousands of times a second; luasync retries at the next
-- turn (a failure of one connection costs the others nothing) and, when
-- that accept fails too, rests for asyncio's ACCEPT_RETRY_DELAY (1 s)
-- between tries: told about once a second, with the loop idle. Once the
-- socket listens again, the server serves again.
-- (ECONNABORTED, which CPython ignores, as luasync does, is not seen on
-- Linux: a connection reset before its accept is accepted, and its reader
-- gets ECONNRESET; server_accept_per_connection makes accept fail so, and
-- with the errors of one connection, which never rest the server, under a
-- shim. A poll error (POLLERR) is not seen either: Linux's TCP and Unix
-- listening sockets report none.)
-- The socket is shut down with luasocket (Debian's lua-socket), lent the
-- server's descriptor: a real shutdown(2) on the real socket.
-- Reference: reference/server_accept_error.py (the first report; CPython
-- has no rest to compare).
local socket = require "socket"

local function eq(what, got, want)
  if got ~= want then
    error(("%s: expected %q, got %q"):format(what, tostring(want), tostring(got)), 0)
  end
end

-- A connected luasocket object is lent fd: f(object), then it gets its own
-- descriptor back (which it closes), so luasocket never closes fd.
local function lend(fd, f)
  local ls = assert(socket.bind("127.0.0.1", 0))
  local host, port = ls:getsockname()
  local c = assert(socket.connect(host, port))
  local own = c:getfd()
  c:setfd(fd)
  local ok, r, err = pcall(f, c)
  c:setfd(own)
  c:close()
  ls:close()
  assert(ok, r)
  return r, err
end
local function fd_of(server) return tonumber(tostring(server.sockets[1]):match("fd=(%d+)")) end

local loop = asyncio.get_running_loop()

-- 1. The report, as CPython's (the reference's transcript).
do
  local t0 = loop:time()
  local srv
  loop:set_exception_handler(function(_, ctx)
    print(("%.1f %s"):format(loop:time() - t0, ctx.message))
    print(("exception: %s %d"):format(tostring(ctx.exception), ctx.exception.errno))
    print("handle: " .. tostring(ctx.handle))
    local keys = {}
    for k in pairs(ctx) do keys[#keys + 1] = k end
    table.sort(keys)
    print("keys: " .. table.concat(keys, " "))
    srv:close()
  end)
  srv = await(asyncio.start_server(function(_, w) w:close() end, "127.0.0.1", 0))
  eq("1: shutdown", lend(fd_of(srv), function(c) return c:shutdown("receive") end), 1)
  await(srv:wait_closed())
  print("closed")
end

-- 2. Reported at once, at the next turn, then once a second; the loop
-- rests meanwhile (virtual time jumps: the listener waits on a timer
-- only). Listening again, the server serves again (after its rest).
do
  local t0 = loop:time()
  local told = {}
  loop:set_exception_handler(function(_, ctx)
    told[#told + 1] = ("%.1f %s"):format(loop:time() - t0, ctx.exception.code)
  end)
  local srv <close> = await(asyncio.start_server(function(_, w)
    w:write("hi")
    w:close()
  end, "127.0.0.1", 0))
  local fd = fd_of(srv)
  lend(fd, function(c) return c:shutdown("receive") end)
  local cpu = os.clock()
  await(asyncio.sleep(2.5))
  cpu = os.clock() - cpu
  -- (the first few only, of what could be thousands)
  eq("2: reports", #told .. ": " .. table.concat(told, ", ", 1, math.min(#told, 6)),
    "4: 0.0 EINVAL, 0.0 EINVAL, 1.0 EINVAL, 2.0 EINVAL")
  eq("2: the loop rests (cpu < 0.1 s)", cpu < 0.1, true)
  -- (listen(2) again: the socket was unbound by its shutdown, so it listens
  -- on a new port)
  local m = socket.tcp()
  local own = m:getfd()
  m:setfd(fd)
  local ok = m:listen(5)
  m:setfd(own)
  m:close()
  eq("2: listens again", ok, 1)
  local r, w = await(asyncio.open_connection("127.0.0.1", select(2, srv.sockets[1]:getsockname())))
  eq("2: served", await(r:read()), "hi")
  eq("2: served when the rest ends", ("%.1f"):format(loop:time() - t0), "3.0")
  w:close()
  eq("2: told nothing more", #told, 4)
  loop:set_exception_handler(nil)
end

-- 3. The default handler's text: CPython's message, its handle, then the
-- error (CPython's traceback there has asyncio's and socket.py's frames
-- only, which luasync's tracebacks never show).
local script = [[
local socket = require "socket"
local srv = await(asyncio.start_server(function() end, "127.0.0.1", 0))
local fd = tonumber(tostring(srv.sockets[1]):match("fd=(%d+)"))
local c = assert(socket.connect("127.0.0.1", select(2, srv.sockets[1]:getsockname())))
local own = c:getfd()
c:setfd(fd)
assert(c:shutdown("receive"))
c:setfd(own)
c:close()
await(asyncio.sleep(0.5))
srv:close()
]]
-- Runs `script` in a child: the binary, or under stock Lua the module's
-- host, as this test runs -> stdout, stderr, status.
local function run(text)
  local path = os.tmpname()
  local _ <close> = setmetatable({}, { __close = function() os.remove(path) end })
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
  local binary = os.getenv("LUASYNC")
  local command = binary and ("%q --clock=virtual %q"):format(binary, path)
    or ("lua5.4 ../../module/host.lua %q virtual"):format(path)
  local sp = asyncio.subprocess
  local child = await(asyncio.create_subprocess_shell(command, { stdout = sp.PIPE, stderr = sp.PIPE }))
  local out, err = await(child:communicate())
  return out, err, child.returncode
end
local out, err, code = run(script)
local report = "Exception in callback BaseSelectorEventLoop._accept_connection()\n" ..
  "handle: <Handle BaseSelectorEventLoop._accept_connection()>\n" ..
  "OSError: [Errno 22] Invalid argument\n"
eq("3: stdout", out, "")
eq("3: stderr (told at once and at the next turn)", err, report .. report)
eq("3: status", code, 0)
