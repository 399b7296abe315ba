-- chat_server: a broadcast server: what one client says, every other client
-- hears. Each connection is its own task; the server keeps the writers of the
-- connected clients. Three scripted clients join, talk and leave.
-- Python twin: python/chat_server.py
local clients = {}  -- {writer, name}, in the order they joined

local function broadcast(from, text)
  for _, c in ipairs(clients) do
    if c.name ~= from then c.writer:write(text) end
  end
end

local function leave(writer)
  for i, c in ipairs(clients) do
    if c.writer == writer then table.remove(clients, i) return end
  end
end

local handle = async(function(reader, writer)
  local name = await(reader:readline()):gsub("\n$", "")
  clients[#clients + 1] = { writer = writer, name = name }
  broadcast(name, name .. " joined\n")
  for line in reader:lines() do broadcast(name, name .. ": " .. line .. "\n") end
  leave(writer)
  broadcast(name, name .. " left\n")
  writer:close()
end)

local client = async(function(port, name, script)
  local reader, writer = await(asyncio.open_connection("127.0.0.1", port))
  writer:write(name .. "\n")
  local listener = asyncio.create_task(function()
    for line in reader:lines() do print(("[%s hears] %s"):format(name, line)) end
  end)
  for _, step in ipairs(script) do
    await(asyncio.sleep(step[1]))
    if step[2] then writer:write(step[2] .. "\n") end
  end
  writer:close()
  await(writer:wait_closed())
  listener:cancel()
end)

local main = async(function()
  local server = await(asyncio.start_server(handle, "127.0.0.1", 0))
  local _, port = server.sockets[1]:getsockname()
  await(asyncio.gather(
    client(port, "ann", { { 0.5, "hi all" }, { 1.0, "bye" }, { 0.5 } }),
    client(port, "ben", { { 0.7, "hello ann" }, { 1.5 } }),
    client(port, "cat", { { 1.2, "what did I miss?" }, { 0.2 } })))
  server:close()
  await(server:wait_closed())
  print("server closed")
end)

asyncio.run(main())
