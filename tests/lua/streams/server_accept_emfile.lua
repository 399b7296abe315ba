-- A server that has no descriptor left for a connection (accept fails
-- with EMFILE) tells the loop's exception handler ("socket.accept() out of
-- system resource", with the OSError and the server's socket) and rests for
-- a second on the loop's clock (asyncio's ACCEPT_RETRY_DELAY), as CPython's
-- selector loop: the connection waits in the backlog meanwhile, is tried
-- again after the second (still none free: told again) and served once
-- descriptors are free. (libuv accepted and closed at once every connection
-- it had no descriptor for, its "EMFILE trick", and told nobody: the
-- client read the end.) Closing the server while it rests leaves nothing
-- to run later, and its waiting connection is reset, as CPython's.
-- The scenario runs in a child under `ulimit -n 64`, which fills the rest
-- with descriptors of /dev/null.
-- Reference: reference/server_accept_emfile.py (backlog=1: CPython 3.13
-- goes on accepting through its backlog count after the error, so told the
-- handler 100 times a second with the default; gh-151615 stops at the
-- first, as luasync does.)
local sp = asyncio.subprocess

local function eq(what, got, want)
  if got ~= want then
    error(("%s: expected %q, got %q"):format(what, tostring(want), tostring(got)), 0)
  end
end

-- Runs `script` (a text) in a child under `ulimit -n 64`: the binary, or
-- under stock Lua the module's host, as this test runs -> stdout, stderr,
-- status.
local function run(script)
  local path = os.tmpname()
  local _ <close> = setmetatable({}, { __close = function() os.remove(path) end })
  local f = assert(io.open(path, "w"))
  f:write(script)
  f:close()
  local binary = os.getenv("LUASYNC")
  local command = binary and ("%q --clock=virtual %q"):format(binary, path)
    or ("lua5.4 ../../module/host.lua %q virtual"):format(path)
  local child = await(asyncio.create_subprocess_shell("ulimit -n 64; exec " .. command,
    { stdout = sp.PIPE, stderr = sp.PIPE }))
  local out, err = await(child:communicate())
  return out, err, child.returncode
end

-- (The sanitizer build checks the type of an object at the first virtual
-- call for its class, with a pipe of its own: a process out of descriptors
-- cannot open one, and the check then reports the stream as no object. One
-- stream event before the filling makes that check while it can.)
local fill = [[
local loop = asyncio.get_running_loop()
do
  local s = await(asyncio.start_server(function(_, w) w:close() end, "127.0.0.1", 0))
  local r, w = await(asyncio.open_connection("127.0.0.1", select(2, s.sockets[1]:getsockname())))
  await(r:read())
  w:close()
  s:close()
  await(s:wait_closed())
end
local t0 = loop:time()
local function p(...)
  local parts = { ("%.1f"):format(loop:time() - t0) }
  for i = 1, select("#", ...) do parts[#parts + 1] = tostring((select(i, ...))) end
  print(table.concat(parts, " "))
end
local port
loop:set_exception_handler(function(_, ctx)
  p(ctx.message, ctx.exception, ctx.exception.code, select(2, ctx.socket:getsockname()) == port)
end)
local files = {}
local function fill()
  while true do
    local f = io.open("/dev/null")
    if not f then return end
    files[#files + 1] = f
  end
end
local function free(n)
  for _ = 1, n do table.remove(files):close() end
end
]]

-- 1. Told at once and after a second; served once descriptors are free.
local out, err, code = run(fill .. [[
local function handle(r, w)
  p("handler runs")
  w:write("hi")
  w:close()
end
local srv = await(asyncio.start_server(handle, "127.0.0.1", 0, { backlog = 1 }))
port = select(2, srv.sockets[1]:getsockname())
fill()
free(1)
local r, w = await(asyncio.open_connection("127.0.0.1", port))
p("connected")
await(asyncio.sleep(1.5))
free(2)
p("two descriptors free")
p("client reads", await(r:read()))
w:close()
srv:close()
await(srv:wait_closed())
free(#files)
]])
io.write(out)
eq("1: stderr", err, "")
eq("1: status", code, 0)

-- 2. Closed while it rests: nothing runs a second later, the connection
-- that waited is reset, and the program ends.
out, err, code = run(fill .. [[
local srv = await(asyncio.start_server(function() p("served") end, "127.0.0.1", 0, { backlog = 1 }))
port = select(2, srv.sockets[1]:getsockname())
fill()
free(1)
local r, w = await(asyncio.open_connection("127.0.0.1", port))
await(asyncio.sleep(0.2))
srv:close()
await(srv:wait_closed())
local ok, e = pcall(function() return await(r:read()) end)
p("client reads", ok, e)
w:close()
await(asyncio.sleep(2))
p("end")
free(#files)
]])
eq("2: stdout", out, "0.0 socket.accept() out of system resource OSError: [Errno 24] Too many open files EMFILE true\n" ..
  "0.2 client reads false ConnectionResetError: [Errno 104] Connection reset by peer\n" ..
  "2.2 end\n")
eq("2: stderr", err, "")
eq("2: status", code, 0)
