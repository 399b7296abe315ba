-- Writes to a StreamWriter after its close are dropped, as CPython 3.13's
-- transports drop them, and counted: from the count of 5 on
-- (LOG_THRESHOLD_FOR_CONNLOST_WRITES) each is logged on stderr. A socket's
-- close counts once ("socket.send() raised exception." from the fifth
-- dropped write on), a pipe's does not ("pipe closed by peer or
-- os.write(pipe, data) raised exception." from the sixth). A socket's
-- writelines drops its list silently (CPython's buffers it on the closed
-- transport, which never sends it); a pipe's writes the list joined, one
-- write counted (CPython's WriteTransport.writelines).
-- After write_eof(), a socket's write and writelines raise, each naming
-- itself (even with nothing to write), as CPython's; a pipe's write_eof is
-- its close, and its writes are dropped and counted as after a close.
-- A socket closed with data still queued (a slow peer) goes on taking
-- writes until its connection is lost (close_flushes_writes.lua): none is
-- counted before; after the loss they are, the loss counted once.
local cli = require "lib.cli"
local eq = cli.eq

local function run(text)
  local path = cli.tmpfile(text)
  local out, err, code = cli.run("$L " .. path .. " 2>&1")
  return out .. err, code
end

local out, code = run([[
local server = await(asyncio.start_server(function(r, w) await(r:read()); w:close() end, "127.0.0.1", 0))
local _, port = server.sockets[1]:getsockname()
local r, w = await(asyncio.open_connection("127.0.0.1", port))
w:close()
for i = 0, 7 do
  io.stdout:write("write ", i, "\n"); io.stdout:flush()
  w:write("x")
end
w:writelines({ "a", "b" })
w:write("")
print("end")
await(w:wait_closed())
server:close()
await(server:wait_closed())
]])
eq("socket: status", code, 0)
eq("socket", out,
  "write 0\nwrite 1\nwrite 2\nwrite 3\nwrite 4\n" ..
  "socket.send() raised exception.\nwrite 5\n" ..
  "socket.send() raised exception.\nwrite 6\n" ..
  "socket.send() raised exception.\nwrite 7\n" ..
  "socket.send() raised exception.\nend\n")

out, code = run([[
local go = asyncio.Event()
local server = await(asyncio.start_server(function(r, w)
  await(go:wait())
  await(r:read())
  w:close()
end, "127.0.0.1", 0))
local _, port = server.sockets[1]:getsockname()
local r, w = await(asyncio.open_connection("127.0.0.1", port))
w:write(string.rep("a", 16 * 1024 * 1024))
w:close()
for i = 0, 7 do w:write("b") end
w:writelines({ "c", "d" })
print("queued " .. tostring(w.transport:get_write_buffer_size() > 16 * 1024))
go:set()
await(w:wait_closed())
for i = 0, 5 do
  io.stdout:write("write ", i, "\n"); io.stdout:flush()
  w:write("x")
end
w:writelines({ "a", "b" })
print("end")
server:close()
await(server:wait_closed())
]])
eq("socket, closed with data queued: status", code, 0)
eq("socket, closed with data queued", out,
  "queued true\nwrite 0\nwrite 1\nwrite 2\nwrite 3\nwrite 4\n" ..
  "socket.send() raised exception.\nwrite 5\n" ..
  "socket.send() raised exception.\nend\n")

out, code = run([[
local server = await(asyncio.start_server(function(r, w) await(r:read()); w:close() end, "127.0.0.1", 0))
local _, port = server.sockets[1]:getsockname()
local r, w = await(asyncio.open_connection("127.0.0.1", port))
w:write_eof()
for _, call in ipairs { { "write", "x" }, { "write", "" }, { "writelines", { "a" } }, { "writelines", {} } } do
  local name, arg = call[1], call[2]
  local ok, e = pcall(w[name], w, arg)
  print(name, ok, tostring(e))
end
w:close()
await(w:wait_closed())
local ok, e = pcall(w.writelines, w, { "a" })
print("closed", ok, tostring(e))
server:close()
await(server:wait_closed())
local p = await(asyncio.create_subprocess_exec("cat", { stdin = asyncio.subprocess.PIPE }))
p.stdin:write_eof()
for i = 0, 6 do
  io.stdout:write("write ", i, "\n"); io.stdout:flush()
  p.stdin:write("x")
end
p.stdin:writelines({ "a", "b" })
print("end")
await(p:wait())
]])
eq("after write_eof: status", code, 0)
eq("after write_eof", out,
  "write\tfalse\tRuntimeError: Cannot call write() after write_eof()\n" ..
  "write\tfalse\tRuntimeError: Cannot call write() after write_eof()\n" ..
  "writelines\tfalse\tRuntimeError: Cannot call writelines() after write_eof()\n" ..
  "writelines\tfalse\tRuntimeError: Cannot call writelines() after write_eof()\n" ..
  "closed\tfalse\tRuntimeError: Cannot call writelines() after write_eof()\n" ..
  "write 0\nwrite 1\nwrite 2\nwrite 3\nwrite 4\nwrite 5\n" ..
  "pipe closed by peer or os.write(pipe, data) raised exception.\nwrite 6\n" ..
  "pipe closed by peer or os.write(pipe, data) raised exception.\n" ..
  "pipe closed by peer or os.write(pipe, data) raised exception.\nend\n")

out, code = run([[
local p = await(asyncio.create_subprocess_exec("cat", { stdin = asyncio.subprocess.PIPE }))
p.stdin:close()
for i = 0, 7 do
  io.stdout:write("write ", i, "\n"); io.stdout:flush()
  p.stdin:write("x")
end
print("writelines")
p.stdin:writelines({ "a", "b" })
print("end")
await(p:wait())
]])
eq("pipe: status", code, 0)
eq("pipe", out,
  "write 0\nwrite 1\nwrite 2\nwrite 3\nwrite 4\nwrite 5\n" ..
  "pipe closed by peer or os.write(pipe, data) raised exception.\nwrite 6\n" ..
  "pipe closed by peer or os.write(pipe, data) raised exception.\nwrite 7\n" ..
  "pipe closed by peer or os.write(pipe, data) raised exception.\nwritelines\n" ..
  "pipe closed by peer or os.write(pipe, data) raised exception.\nend\n")

cli.finish()
