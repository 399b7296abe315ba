-- A task cancelled at any point while start_server or start_unix_server
-- makes its server leaves no socket behind: before the socket is made
-- there is none, and once it is (serving, at the last turn before the
-- server is returned) the server closes. (CPython's would go on serving,
-- unreachable; a server nobody holds is closed here instead.)
local cli = require "lib.cli"
local eq = cli.eq
local fds = require "lib.fds"
local path = os.tmpname()
os.remove(path)

local h = function(_, w) w:close() end
local makers = {
  start_server = function() return asyncio.start_server(h, "127.0.0.1", 0) end,
  start_unix_server = function() return asyncio.start_unix_server(h, path) end,
}
for _, name in ipairs({ "start_server", "start_unix_server" }) do
  -- (libuv's first listening socket opens a descriptor it keeps for good,
  -- its spare for EMFILE: made here, before the counts)
  local first = await(makers[name]())
  first:close()
  await(first:wait_closed())
  local cancelled, returned = 0, 0
  -- (cancelled after n turns of this task: before its first step, then at
  -- each turn until the server was returned)
  for n = 0, 6 do
    local before = fds.count()
    local t = asyncio.create_task(makers[name]())
    for _ = 1, n do await(asyncio.sleep(0)) end
    t:cancel()
    local ok, server = pcall(await, t)
    if ok then
      returned = returned + 1
      server:close()
      await(server:wait_closed())
    else
      cancelled = cancelled + 1
      eq(name .. ": cancelled after " .. n .. " turns", t:cancelled(), true)
    end
    await(asyncio.sleep(0.05))  -- (a handle's descriptor is closed in a later iteration)
    eq(name .. ": descriptors left after a cancel at turn " .. n, fds.count() - before, 0)
    eq(name .. ": the socket file after a cancel at turn " .. n, io.open(path) == nil, true)
  end
  -- (3 turns and 1, or 1 for a Unix server, before the server is
  -- returned; cancelled before its first step too)
  eq(name .. ": cancelled at every turn before it returned", cancelled, name == "start_server" and 5 or 2)
  eq(name .. ": returned", returned, name == "start_server" and 2 or 5)
end
cli.finish()
