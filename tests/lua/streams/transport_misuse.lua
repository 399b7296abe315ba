-- writer.transport and the server's close_clients/abort_clients beyond
-- what the CPython reference shows: misuse in Lua's `bad argument` form at
-- the caller's line (a method called with a dot, as Python spells it), one
-- transport object per writer and its text, abort on a connection already
-- lost, on a Unix socket, on a child's stdin, and abort_clients while a
-- handler waits in drain(). No CPython reference: it checks itself.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check

-- The text of the error f() raises, and whether it names this file's line.
local function misuse(f)
  local ok, e = pcall(f)
  check("raises", not ok, "it raised nothing")
  local text = tostring(e)
  check("the error names the caller's line: " .. text, text:find("^transport_misuse%.lua:%d+: ") ~= nil, text)
  return (text:gsub("^[^:]*:%d+: ", ""))
end

local main = async(function()
  local writers = asyncio.Queue()
  local srv = await(asyncio.start_server(function(r, w) await(writers:put({ r, w })) end, "127.0.0.1", 0))
  local port = select(2, srv.sockets[1]:getsockname())
  local r, w = await(asyncio.open_connection("127.0.0.1", port))
  local sr, sw = table.unpack(await(writers:get()))

  -- Misuse.
  eq("abort with a dot", misuse(function() w.transport.abort() end),
    "bad argument #1 to 'abort' (Transport expected; call it as writer.transport:abort(...))")
  eq("close with a dot", misuse(function() w.transport.close() end),
    "bad argument #1 to 'close' (Transport expected; call it as writer.transport:close(...))")
  eq("is_closing on the writer", misuse(function() local _ = w.transport.is_closing(w) end),
    "bad argument #1 to 'is_closing' (Transport expected; call it as writer.transport:is_closing(...))")
  eq("get_extra_info with a dot", misuse(function() local _ = w.transport.get_extra_info("peername") end),
    "bad argument #1 to 'get_extra_info' (Transport expected; call it as writer.transport:get_extra_info(...))")
  eq("get_write_buffer_size with a dot", misuse(function() local _ = w.transport.get_write_buffer_size() end),
    "bad argument #1 to 'get_write_buffer_size' (Transport expected; call it as " ..
    "writer.transport:get_write_buffer_size(...))")
  eq("close_clients with a dot", misuse(function() srv.close_clients() end),
    "bad argument #1 to 'close_clients' (Server expected; call it as server:close_clients(...))")
  eq("abort_clients with a dot", misuse(function() srv.abort_clients() end),
    "bad argument #1 to 'abort_clients' (Server expected; call it as server:abort_clients(...))")

  -- One transport per writer; its text follows its state.
  check("the same transport each time", w.transport == w.transport)
  check("each writer its own", w.transport ~= sw.transport)
  eq("open", tostring(w.transport), "<Transport open>")
  eq("sockname", w.transport:get_extra_info("sockname")[2], w:get_extra_info("sockname")[2])
  eq("nothing queued", w.transport:get_write_buffer_size(), 0)
  w.transport:close()
  eq("closing", tostring(w.transport), "<Transport closing>")
  eq("the writer too", w:is_closing(), true)
  await(w:wait_closed())
  eq("closed", tostring(w.transport), "<Transport closed>")
  eq("the server side reads the end", await(sr:read()), "")
  sw:close()

  -- Abort on a connection its peer already closed: a no-op once lost.
  r, w = await(asyncio.open_connection("127.0.0.1", port))
  sr, sw = table.unpack(await(writers:get()))
  w:close()
  await(w:wait_closed())
  eq("the server side reads the end", await(sr:read()), "")
  sw.transport:abort()
  eq("aborted", sw:is_closing(), true)
  await(sw:wait_closed())
  sw.transport:abort()
  sw:close()

  -- abort_clients while a handler waits in drain(): the drain returns, the
  -- handler goes on; the client, which read nothing, sees the end.
  local drained = asyncio.Event()
  local srv2 = await(asyncio.start_server(function(_, wr)
    wr:write(string.rep("x", 8 * 1024 * 1024))
    await(wr:drain())
    drained:set()
  end, "127.0.0.1", 0))
  r, w = await(asyncio.open_connection("127.0.0.1", select(2, srv2.sockets[1]:getsockname())))
  await(asyncio.sleep(0.05))
  check("drain waits", not drained:is_set())
  srv2:abort_clients()
  await(drained:wait())
  local total = 0
  while true do
    local d = await(r:read(1 << 20))
    if d == "" then break end
    total = total + #d
  end
  check("the client got part of it", total < 8 * 1024 * 1024, total)
  w:close()
  srv2:close()
  await(srv2:wait_closed())

  -- A Unix socket.
  local path = os.tmpname()
  os.remove(path)
  local usrv = await(asyncio.start_unix_server(function(ur, uw)
    uw:write("bye")
    uw.transport:abort()
    eq("unix: the aborting side's reader ends", await(ur:read()), "")
  end, path))
  r, w = await(asyncio.open_unix_connection(path))
  local got = await(r:read())
  eq("unix: the client reads what was sent, then the end", got, "bye")
  w:close()
  usrv:close()
  await(usrv:wait_closed())

  -- A child's stdin (a pipe): abort closes it; the child reads its end.
  local sp = asyncio.subprocess
  local p = await(asyncio.create_subprocess_exec("cat", { stdin = sp.PIPE, stdout = sp.PIPE }))
  p.stdin:write("kept\n")
  await(p.stdin:drain())
  eq("the child echoes", await(p.stdout:readline()), "kept\n")
  p.stdin.transport:abort()
  eq("stdin closing", p.stdin:is_closing(), true)
  await(p.stdin:wait_closed())
  eq("the child ends", await(p.stdout:read()), "")
  eq("returncode", await(p:wait()), 0)
  p.stdin.transport:abort()

  srv:close()
  await(srv:wait_closed())
end)
asyncio.run(main())
cli.finish()
