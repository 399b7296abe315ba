-- start_serving() on a closed server raises CPython 3.13's error (its loop
-- over the server's sockets, None once closed, fails: TypeError) instead of
-- returning quietly, whether the server ever served or not, TCP or Unix.
-- As CPython's, the failed call leaves the server marked serving: a second
-- start_serving() returns, is_serving() is true, and serve_forever() still
-- says the server is closed.
-- Reference: reference/server_start_closed.py
local p = require("lib.show").p

local function start(name, srv)
  local ok, e = pcall(await, srv:start_serving())
  if ok then
    p(name, "returned")
  else
    p(name, e, asyncio.TypeError:is(e))
  end
end

local function h() end

local main = async(function()
  local srv = await(asyncio.start_server(h, "127.0.0.1", 0, { start_serving = false }))
  srv:close()
  start("never served", srv)
  p("is_serving", srv:is_serving())
  start("again", srv)

  srv = await(asyncio.start_server(h, "127.0.0.1", 0))
  srv:close()
  await(srv:wait_closed())
  start("served", srv)
  local ok, e = pcall(await, srv:serve_forever())
  p("serve_forever", ok, e)

  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir " .. dir))
  srv = await(asyncio.start_unix_server(h, dir .. "/s.sock"))
  srv:close()
  start("unix", srv)
  assert(os.remove(dir))
end)

asyncio.run(main())
