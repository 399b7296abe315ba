-- The texts of I/O errors, as CPython 3.13's: a rename names both paths; a
-- file used against its mode raises UnsupportedOperation (an OSError and a
-- ValueError); the modes Python's open refuses, with its words; a host that
-- looks numeric but is no address is a name to look up, and an address the
-- host does not have is skipped; the signals a handler cannot be set for.
-- Reference: reference/io_error_texts.py
local p = require("lib.show").p

local d = os.tmpname()
os.remove(d)
await(asyncio.fs.mkdir(d))
local path = d .. "/a.txt"
do
  local f <close> = await(asyncio.open(path, "w"))
  await(f:write("abc"))
end

-- a rename names both paths
local ok, e = pcall(await, asyncio.fs.rename(d .. "/nope", d .. "/nope2"))
p(getmetatable(e).__name, (e.message:gsub(d:gsub("%p", "%%%0"), "DIR")), e.filename == d .. "/nope",
  e.filename2 == d .. "/nope2")

-- a file used against its mode: io.UnsupportedOperation, an OSError and a ValueError
local f = await(asyncio.open(path, "r"))
ok, e = pcall(await, f:write("x"))
p(e)
p("an OSError, a ValueError", asyncio.OSError:is(e), asyncio.ValueError:is(e), e.errno)
await(f:close())
f = await(asyncio.open(path, "a"))
ok, e = pcall(await, f:read())
p(e)
await(f:close())

-- modes Python's open refuses
for _, mode in ipairs { "rw", "rr", "", "+", "rq", "r++", "bt", "rtt" } do
  ok, e = pcall(asyncio.open, path, mode)
  p(e)
end
-- and what it takes: "t" (text) beside the letters
for _, mode in ipairs { "rt", "tr", "rb" } do
  ok, e = pcall(function() return await(asyncio.open(path, mode)) end)
  p(mode, ok)
  if ok then await(e:close()) end
end

-- a host that looks numeric but is not an address is a name to look up
for _, host in ipairs { "256.1.1.1", "::zz" } do
  ok, e = pcall(await, asyncio.start_server(function() end, host, 0))
  p("start_server", host, e.message)
  ok, e = pcall(await, asyncio.open_connection(host, 1))
  p("open_connection", host, e.message)
end

-- an address this host does not have (inet_aton's 1.2.0.3) is skipped
ok, e = pcall(await, asyncio.start_server(function() end, "1.2.3", 0))
p("start_server", "1.2.3", e)

-- signals a handler cannot be set for
local loop = asyncio.get_running_loop()
for _, sig in ipairs { 9999, 0, 32, 33 } do
  ok, e = pcall(loop.add_signal_handler, loop, sig, print)
  p(e)
end

await(asyncio.fs.remove(path))
await(asyncio.fs.rmdir(d))
