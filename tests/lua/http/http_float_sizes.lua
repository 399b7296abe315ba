-- A response's read(n) and iter_chunks(size) take a float with an integer
-- value as that integer (r:read(2^2): 2^2 is 4.0), as Lua's file:read and
-- StreamReader:read do; a float without one is Lua's "number has no
-- integer representation"; a negative size keeps its own words.
local cli = require "lib.cli"
local eq = cli.eq
local http = asyncio.http
local server = require("lib.http_server").start()

local r = await(http.get(server.base .. "/hello"))
eq("read(2^2)", await(r:read(2 ^ 2)), "hell")
eq("read(1.5)", cli.error_text(r.read, r, 1.5), "bad argument #1 to 'read' (number has no integer representation)")
eq("read(-1.0)", cli.error_text(r.read, r, -1.0), "bad argument #1 to 'read' (non-negative integer expected, got number)")
local chunks = {}
for c in r:iter_chunks(3.0) do chunks[#chunks + 1] = c end
eq("iter_chunks(3.0)", table.concat(chunks, "|"), "o w|orl|d")
eq("iter_chunks(0.5)", cli.error_text(r.iter_chunks, r, 0.5),
  "bad argument #1 to 'iter_chunks' (number has no integer representation)")
server.stop()
cli.finish()
