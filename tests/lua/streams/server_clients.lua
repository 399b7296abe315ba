-- server:close_clients() and server:abort_clients(), Python 3.13's: the
-- connections the server accepted close (after what they queued) or abort
-- (dropping it); the handlers' tasks go on and read the end; the server
-- keeps serving unless closed, and a closed one's wait_closed returns once
-- they are gone.
-- Reference: reference/server_clients.py
local p = require("lib.show").p

local N = 16 * 1024 * 1024

local main = async(function()
  -- 1. On a server still serving.
  local ended = {}
  local reads = async(function(r, w)
    local name = await(r:readline()):gsub("%s+$", "")
    local data = await(r:read())
    await(w:wait_closed())
    ended[#ended + 1] = ("%s read '%s' closing %s"):format(name, data, tostring(w:is_closing()))
  end)
  local srv = await(asyncio.start_server(reads, "127.0.0.1", 0))
  local port = select(2, srv.sockets[1]:getsockname())
  local clients = {}
  for _, name in ipairs { "a", "b" } do
    local r, w = await(asyncio.open_connection("127.0.0.1", port))
    w:write(name .. "\n")
    clients[#clients + 1] = { r, w }
  end
  await(asyncio.sleep(0.05))
  srv:close_clients()
  p("close_clients returned")
  for _, c in ipairs(clients) do
    p("client read ends", await(c[1]:read()) == "")
    c[2]:close()
    await(c[2]:wait_closed())
  end
  await(asyncio.sleep(0.05))
  table.sort(ended)
  for _, line in ipairs(ended) do p("handler", line) end
  p("serving", srv:is_serving())

  -- 2. A closed server waits for its connections.
  local r, w = await(asyncio.open_connection("127.0.0.1", port))
  w:write("c\n")
  await(asyncio.sleep(0.05))
  srv:close()
  local waiting = asyncio.create_task(srv:wait_closed())
  await(asyncio.sleep(0.05))
  p("wait_closed waits for the connection", not waiting:done())
  srv:close_clients()
  await(waiting)
  p("wait_closed returned")
  p("client c read ends", await(r:read()) == "")
  w:close()
  await(w:wait_closed())
  srv:close_clients()
  srv:abort_clients()
  p("again, without connections: no-ops")

  -- 3. close_clients flushes; abort_clients drops.
  for _, how in ipairs { "close_clients", "abort_clients" } do
    local handler_done = asyncio.Event()
    srv = await(asyncio.start_server(function(_, wr)
      wr:write(string.rep("x", N))
      await(wr:wait_closed())
      handler_done:set()
    end, "127.0.0.1", 0))
    port = select(2, srv.sockets[1]:getsockname())
    r, w = await(asyncio.open_connection("127.0.0.1", port))
    await(asyncio.sleep(0.05))
    srv:close()
    srv[how](srv)
    local total = 0
    while true do
      local d = await(r:read(1 << 20))
      if d == "" then break end
      total = total + #d
    end
    await(handler_done:wait())
    await(srv:wait_closed())
    p(how .. ": the client got all of it", total == N)
    w:close()
    await(w:wait_closed())
  end
  p("done")
end)
asyncio.run(main())
