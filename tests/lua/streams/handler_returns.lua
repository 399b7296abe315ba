-- A server's handler that returns without closing its writer: as CPython's
-- (whose writer closes as its last reference goes), the connection closes
-- when the handler ends, so the client reads to its end and
-- server:wait_closed() returns, though nothing else runs in the program.
-- Reference: reference/handler_returns.py
local main = async(function()
  local srv = await(asyncio.start_server(function(_, w) w:write("hi") end, "127.0.0.1", 0))
  local port = select(2, srv.sockets[1]:getsockname())
  local r, w = await(asyncio.open_connection("127.0.0.1", port))
  print("read to the end:", await(r:read()))
  w:close()
  srv:close()
  await(srv:wait_closed())
  print("closed")

  -- A handler that reads to the end, then returns; the server closes after.
  srv = await(asyncio.start_server(function(rd) await(rd:read()) end, "127.0.0.1", 0))
  port = select(2, srv.sockets[1]:getsockname())
  r, w = await(asyncio.open_connection("127.0.0.1", port))
  await(asyncio.sleep(0.05))
  w:close()
  await(asyncio.sleep(0.05))
  srv:close()
  await(srv:wait_closed())
  print("closed after the handler ended")
end)
asyncio.run(main())
