-- `local srv <close> = await(asyncio.start_server(...))` is Python's
-- `async with srv:`: leaving the scope closes the server, then waits as
-- wait_closed() does, until every connection has ended (Python 3.12+).
-- Reference: reference/server_close_scope.py
local srv = await(asyncio.start_server(function(r, w)
  print("handler: start")
  await(asyncio.sleep(1))
  print("handler: finishing")
  w:write("bye")
  w:close()
end, "127.0.0.1", 0))
local host, port = srv.sockets[1]:getsockname()
local client = asyncio.create_task(async(function()
  local r, w = await(asyncio.open_connection(host, port))
  print("client read:", await(r:read()))
  w:close()
end)())
do
  local s <close> = srv
  await(asyncio.sleep(0.1))
  print("leaving the server scope")
end
print("after the server scope", srv:is_serving())
await(client)
