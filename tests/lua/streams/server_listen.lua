-- A server made with {start_serving = false} is bound and does not listen
-- yet, as CPython's: a connect is refused until start_serving() (or
-- serve_forever()), and is_serving() says so. (libuv listened at bind, so
-- such a server accepted connections and kept them waiting.) An IPv6
-- socket takes only IPv6 (IPV6_V6ONLY, as CPython sets it), so a server on
-- "0.0.0.0" may share the port of one on "::" (start_server with no host
-- binds both: it failed with EADDRINUSE for any port but 0).
-- Reference: reference/server_listen.py
local p = require("lib.show").p

local function try_connect(name, connect)
  local ok, r, w = pcall(connect)
  if not ok then
    p(name, "refused:", r.__name, r.errno)
    return
  end
  -- (Bounded: an accepted connection nobody serves would never end.)
  p(name, "connected, reads", "'" .. await(asyncio.wait_for(r:read(), 5)) .. "'")
  w:close()
  await(w:wait_closed())
end

local function hello(_, w)
  w:write("hello")
  w:close()
end

local function tcp(port)
  return function() return await(asyncio.open_connection("127.0.0.1", port)) end
end

local main = async(function()
  -- 1. TCP.
  local srv = await(asyncio.start_server(hello, "127.0.0.1", 0, { start_serving = false }))
  local port = select(2, srv.sockets[1]:getsockname())
  p("tcp serving", srv:is_serving())
  try_connect("tcp before", tcp(port))
  await(srv:start_serving())
  p("tcp serving", srv:is_serving())
  try_connect("tcp after", tcp(port))
  await(srv:start_serving())
  p("tcp serving again", srv:is_serving())
  srv:close()
  await(srv:wait_closed())
  p("tcp closed, serving", srv:is_serving())
  try_connect("tcp closed", tcp(port))

  -- 2. Unix.
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir " .. dir))
  local path = dir .. "/s.sock"
  srv = await(asyncio.start_unix_server(hello, path, { start_serving = false }))
  p("unix serving", srv:is_serving(), "file there", await(asyncio.fs.exists(path)))
  local function unix() return await(asyncio.open_unix_connection(path)) end
  try_connect("unix before", unix)
  await(srv:start_serving())
  try_connect("unix after", unix)
  srv:close()
  await(srv:wait_closed())
  assert(os.remove(dir))

  -- 3. serve_forever starts listening.
  srv = await(asyncio.start_server(hello, "127.0.0.1", 0, { start_serving = false }))
  port = select(2, srv.sockets[1]:getsockname())
  local forever = asyncio.create_task(srv:serve_forever())
  await(asyncio.sleep(0))
  p("forever serving", srv:is_serving())
  try_connect("forever", tcp(port))
  forever:cancel()
  local ok, e = pcall(await, forever)
  if not ok and asyncio.CancelledError:is(e) then p("forever cancelled, serving", srv:is_serving()) end

  -- 4. "::" and "0.0.0.0" on one port.
  local v6 = await(asyncio.start_server(hello, "::", 0))
  port = select(2, v6.sockets[1]:getsockname())
  local v4 = await(asyncio.start_server(hello, "0.0.0.0", port))
  p("v4 on v6's port", select(2, v4.sockets[1]:getsockname()) == port)
  try_connect("v4", tcp(port))
  try_connect("v6", function() return await(asyncio.open_connection("::1", port)) end)
  v4:close()
  v6:close()
  await(v4:wait_closed())
  await(v6:wait_closed())
  p("done")
end)

asyncio.run(main())
