-- TCP streams send small writes at once (TCP_NODELAY), as CPython's
-- transports do: a server that writes its reply in two pieces answers a
-- request/reply client in well under a millisecond on 127.0.0.1. With
-- Nagle's algorithm the second piece waited for the client's delayed ACK,
-- about 40 ms each round trip (20 round trips: 0.88 s; CPython 0.01 s).
-- The bound below is four times what 20 round trips take on a loaded
-- machine, and half of what Nagle's 40 ms would add.
local cli = require "lib.cli"
local check = cli.check

local ROUND_TRIPS = 20

local function handle(reader, writer)
  while true do
    local line = await(reader:readline())
    if line == "" then break end
    writer:write("head\n")
    writer:write("body\n")
    await(writer:drain())
  end
  writer:close()
end

local server = await(asyncio.start_server(handle, "127.0.0.1", 0))
local _, port = server.sockets[1]:getsockname()
local reader, writer = await(asyncio.open_connection("127.0.0.1", port))
local now = time.monotonic
local t0 = now()
local replies = {}
for i = 1, ROUND_TRIPS do
  writer:write("request " .. i .. "\n")
  await(writer:drain())
  replies[#replies + 1] = await(reader:readline()) .. await(reader:readline())
end
local took = now() - t0
check("every reply came whole", #replies == ROUND_TRIPS and replies[ROUND_TRIPS] == "head\nbody\n")
check(("%d round trips with two-piece replies in %.3f s (< 0.4 s)"):format(ROUND_TRIPS, took), took < 0.4)
writer:close()
await(writer:wait_closed())
server:close()
await(server:wait_closed())
cli.finish()
