-- echo_server: a TCP echo server on a free port of 127.0.0.1 and three
-- clients that talk to it at once; each connection is served by its own task.
-- Python twin: python/echo_server.py
local handle = async(function(reader, writer)
  local host, port = table.unpack(writer:get_extra_info("peername"))
  local name = await(reader:readline()):gsub("\n$", "")
  print(("server: %s connected from %s"):format(name, host))
  for line in reader:lines("L") do
    writer:write(line:upper())
    await(writer:drain())
  end
  print(("server: %s left"):format(name))
  writer:close()
  await(writer:wait_closed())
end)

local client = async(function(port, name, words, pause)
  local reader, writer = await(asyncio.open_connection("127.0.0.1", port))
  writer:write(name .. "\n")
  for _, word in ipairs(words) do
    await(asyncio.sleep(pause))
    writer:write(word .. "\n")
    await(writer:drain())
    print(("%s got %s"):format(name, (await(reader:readline()):gsub("\n$", ""))))
  end
  writer:close()
  await(writer:wait_closed())
end)

local main = async(function()
  local server = await(asyncio.start_server(handle, "127.0.0.1", 0))
  local _, port = server.sockets[1]:getsockname()
  local t0 = time.perf_counter()
  await(asyncio.gather(
    client(port, "ada", { "hello", "world" }, 1.0),
    client(port, "bob", { "one", "two", "three" }, 0.7),
    client(port, "cy", { "bye" }, 1.5)))
  server:close()
  await(server:wait_closed())
  print(("all done in %.1f s"):format(time.perf_counter() - t0))
end)

asyncio.run(main())
