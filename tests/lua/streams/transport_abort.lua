-- writer.transport:abort(), as CPython's transport.abort(): the connection
-- closes at once, what is queued is dropped, the aborting side's reader
-- ends and wait_closed returns; the socket closes plainly, so the peer reads
-- the end, or a reset when unread bytes were left; abort and close again
-- are no-ops; a drain waiting returns; a read waiting gets the end.
-- Reference: reference/transport_abort.py
local p = require("lib.show").p

local N = 16 * 1024 * 1024

local function read_all(r)
  local total = 0
  while true do
    local ok, d = pcall(await, r:read(1 << 20))
    if not ok then
      if asyncio.OSError:is(d) then return total, d end
      error(d, 0)
    end
    if d == "" then return total, "the end" end
    total = total + #d
  end
end

local main = async(function()
  -- 1. Nothing unread: the client reads what was sent, then the end.
  local done = asyncio.Event()
  local aborts = async(function(r, w)
    w:write("hello")
    await(w:drain())
    w.transport:abort()
    p("server: closing", w:is_closing(), w.transport:is_closing())
    p("server: own read ends", await(r:read()) == "")
    p("server: wait_closed", (await(w:wait_closed())))
    w.transport:abort()
    w:close()
    w.transport:close()
    p("server: abort and close again: no-ops")
    local ok, e = pcall(await, w:drain())
    if not ok and asyncio.ConnectionResetError:is(e) then p("server: drain", e) end
    w:write("ignored")
    p("server: buffer", w.transport:get_write_buffer_size())
    p("server: peer", w:get_extra_info("peername")[1], w.transport:get_extra_info("peername")[1],
      w.transport:get_extra_info("nothing", "default"))
    done:set()
  end)
  local srv = await(asyncio.start_server(aborts, "127.0.0.1", 0))
  local port = select(2, srv.sockets[1]:getsockname())
  local r, w = await(asyncio.open_connection("127.0.0.1", port))
  await(done:wait())
  p("client: read", await(r:read(100)), await(r:read(100)) == "")
  w:close()
  await(w:wait_closed())
  srv:close()
  await(srv:wait_closed())

  -- 2. Unread bytes left: the system resets the connection.
  srv = await(asyncio.start_server(function(rd, wr)
    await(rd:readexactly(100000))
    wr.transport:abort()
  end, "127.0.0.1", 0))
  port = select(2, srv.sockets[1]:getsockname())
  r, w = await(asyncio.open_connection("127.0.0.1", port))
  w:write(string.rep("x", 1000000))
  local ok, e = pcall(await, r:read(100))
  if not ok and asyncio.ConnectionResetError:is(e) then p("client: read raised", e, e.errno) end
  ok, e = pcall(await, w:drain())
  if not ok and asyncio.ConnectionResetError:is(e) then p("client: drain raised", e) end
  ok, e = pcall(await, w:wait_closed())
  if not ok and asyncio.ConnectionResetError:is(e) then p("client: wait_closed raised", e) end
  srv:close()
  await(srv:wait_closed())

  -- 3. What the system has not taken is dropped.
  local writers = asyncio.Queue()
  srv = await(asyncio.start_server(function(rd, wr) await(writers:put({ rd, wr })) end, "127.0.0.1", 0))
  port = select(2, srv.sockets[1]:getsockname())
  for _, mode in ipairs { "abort", "abort during drain", "close then abort", "abort then close" } do
    r, w = await(asyncio.open_connection("127.0.0.1", port))
    local sw = await(writers:get())[2]
    sw:write(string.rep("x", N))
    p(mode .. ": buffered", sw.transport:get_write_buffer_size() > 0)
    if mode == "abort" then
      sw.transport:abort()
    elseif mode == "abort during drain" then
      local t = asyncio.spawn(function() p("drain returned", (await(sw:drain()))) end)
      await(asyncio.sleep(0))
      p("drain waiting", not t:done())
      sw.transport:abort()
      await(t)
    elseif mode == "close then abort" then
      sw:close()
      sw.transport:abort()
    else
      sw.transport:abort()
      sw:close()
    end
    p(mode .. ": closing", sw:is_closing(), "buffer", sw.transport:get_write_buffer_size())
    p(mode .. ": wait_closed", (await(sw:wait_closed())))
    local total, ending = read_all(r)
    p(mode .. ": client got part of it", 0 < total and total < N, "then", ending)
    w:close()
    await(w:wait_closed())
  end

  -- 4. A read waiting on the aborting side gets the end; so does the peer.
  r, w = await(asyncio.open_connection("127.0.0.1", port))
  local pair = await(writers:get())
  local sr, sw = pair[1], pair[2]
  local reading = asyncio.create_task(sr:read())
  await(asyncio.sleep(0))
  p("server: read waiting", not reading:done())
  sw.transport:abort()
  p("server: waiting read ends", await(reading) == "")
  p("client: read ends", await(r:read()) == "")
  w:close()
  await(w:wait_closed())
  srv:close()
  await(srv:wait_closed())
  p("done")
end)
asyncio.run(main())
