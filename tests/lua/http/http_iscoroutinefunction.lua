-- asyncio.iscoroutinefunction is true for the I/O functions and methods that
-- give a coroutine object (CPython's async def; aiohttp's and aiofiles' for
-- asyncio.http and asyncio.open's files), false for those that act at once.
local cli = require "lib.cli"
local eq = cli.eq
local isc = asyncio.iscoroutinefunction
local http = asyncio.http
local server = require("lib.http_server").start()

for _, m in ipairs({ "get", "post", "put", "delete", "head", "patch", "request" }) do
  eq("asyncio.http." .. m, isc(http[m]), true)
end
local session <close> = http.Session()
for _, m in ipairs({ "get", "post", "put", "delete", "head", "patch", "request" }) do
  eq("Session." .. m, isc(session[m]), true)
end
eq("Session.close", isc(session.close), false)
local r = await(http.get(server.base .. "/hello"))
for _, m in ipairs({ "read", "text", "json" }) do
  eq("ClientResponse." .. m, isc(r[m]), true)
end
eq("ClientResponse.raise_for_status", isc(r.raise_for_status), false)
await(r:text())

local p = server.process
eq("Process.wait", isc(p.wait), true)
eq("Process.communicate", isc(p.communicate), true)
eq("Process.kill", isc(p.kill), false)

local tcp = await(asyncio.start_server(function() end, "127.0.0.1", 0))
local _, port = tcp.sockets[1]:getsockname()
local reader, writer = await(asyncio.open_connection("127.0.0.1", port))
eq("StreamReader.read", isc(reader.read), true)
eq("StreamWriter.drain", isc(writer.drain), true)
eq("StreamWriter.wait_closed", isc(writer.wait_closed), true)
eq("StreamWriter.write", isc(writer.write), false)
eq("Server.wait_closed", isc(tcp.wait_closed), true)
eq("Server.serve_forever", isc(tcp.serve_forever), true)
eq("Server.start_serving", isc(tcp.start_serving), true)
eq("Server.close", isc(tcp.close), false)
writer:close()
await(writer:wait_closed())
tcp:close()
await(tcp:wait_closed())

local path = os.tmpname()
local f = await(asyncio.open(path, "w"))
for _, m in ipairs({ "read", "readline", "write", "seek", "flush", "close" }) do
  eq("File." .. m, isc(f[m]), true)
end
eq("File.lines", isc(f.lines), false)
await(f:close())
os.remove(path)
for _, name in ipairs({ "stat", "exists", "remove", "rename", "mkdir", "rmdir", "listdir" }) do
  eq("asyncio.fs." .. name, isc(asyncio.fs[name]), true)
end
server.stop()
cli.finish()
