-- TCP streams as CPython's: a line server with two clients (the order of their
-- events), write_eof and read to the end, readexactly on a stream that ends
-- early, 2 MB with drain, connection refused, close and wait_closed, a
-- cancelled serve_forever closing its server.
-- Reference: reference/tcp_streams.py

local p = require("lib.show").p
local function show(data) return (data:gsub("\n", "\\n")) end

local main = async(function()
  local handle = async(function(reader, writer)
    local name = await(reader:readline()):gsub("%s+$", "")
    p("server: hello from", name)
    while true do
      local line = await(reader:readline())
      if line == "" then break end
      writer:write(("%s> %s"):format(name, line))
      await(writer:drain())
    end
    p("server: end of", name)
    writer:close()
    await(writer:wait_closed())
  end)

  local server = await(asyncio.start_server(handle, "127.0.0.1", 0))
  local host, port = server.sockets[1]:getsockname()
  p("serving", host, port > 0, server:is_serving())

  local client = async(function(name, lines)
    local reader, writer = await(asyncio.open_connection("127.0.0.1", port))
    writer:write(name .. "\n")
    for _, line in ipairs(lines) do
      writer:write(line .. "\n")
      await(writer:drain())
      p("client", name, "got", show(await(reader:readline())))
    end
    writer:write_eof()
    p("client", name, "eof", show(await(reader:read())), reader:at_eof())
    writer:close()
    await(writer:wait_closed())
    p("client", name, "closed", writer:is_closing())
  end)

  await(asyncio.gather(client("a", { "one", "two" }), client("b", { "three" })))

  -- readexactly on a stream that ends early
  local function short(reader, writer)
    writer:write("abc")
    writer:close()
  end
  local s2 = await(asyncio.start_server(short, "127.0.0.1", 0))
  local r, w = await(asyncio.open_connection("127.0.0.1", select(2, s2.sockets[1]:getsockname())))
  local ok, e = pcall(await, r:readexactly(10))
  if not ok then p("readexactly:", e, show(e.partial), e.expected) end
  w:close()
  await(w:wait_closed())
  s2:close()
  await(s2:wait_closed())

  -- a big transfer, with drain
  local sink = async(function(reader, writer)
    local data = await(reader:read())
    writer:write(tostring(#data))
    writer:close()
  end)
  local s3 = await(asyncio.start_server(sink, "127.0.0.1", 0))
  r, w = await(asyncio.open_connection("127.0.0.1", select(2, s3.sockets[1]:getsockname())))
  local chunk = string.rep("x", 100000)
  for _ = 1, 20 do
    w:write(chunk)
    await(w:drain())
  end
  w:write_eof()
  p("sink counted", await(r:read()))
  w:close()
  local s3_port = select(2, s3.sockets[1]:getsockname())
  s3:close()
  await(s3:wait_closed())
  -- a closed connection keeps its addresses; a closed server lists no socket
  p("peername after close", w:get_extra_info("peername")[2] == s3_port, "sockets", #s3.sockets)

  -- refused; serve_forever cancelled closes the server
  ok, e = pcall(await, asyncio.open_connection("127.0.0.1", 1))
  if not ok then p(getmetatable(e).__name, e) end
  server:close()
  await(server:wait_closed())
  p("closed", server:is_serving())
  local s4 = await(asyncio.start_server(handle, "127.0.0.1", 0))
  local t = asyncio.create_task(s4:serve_forever())
  await(asyncio.sleep(0))
  p("forever", s4:is_serving())
  t:cancel()
  ok, e = pcall(await, t)
  if not ok and asyncio.CancelledError:is(e) then p("serve_forever cancelled; serving:", s4:is_serving()) end
end)

asyncio.run(main())
