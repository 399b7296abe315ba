-- luasocket beside the tasks: an echo server and a client on 127.0.0.1,
-- both luasocket sockets in non-blocking mode (settimeout(0)), driven by
-- loop:add_reader instead of polling, while a task keeps ticking.
-- Needs Debian's lua-socket. Run: luasync scripts/examples/bridges/luasocket_echo.lua
local socket = require "socket"
local loop = asyncio.get_running_loop()

-- The server: accept when the listening socket is readable; echo each line.
local server = assert(socket.bind("127.0.0.1", 0))
server:settimeout(0)
local _, port = server:getsockname()
loop:add_reader(server, function()
  local conn = server:accept()
  if not conn then return end
  conn:settimeout(0)
  loop:add_reader(conn, function()
    local line, err = conn:receive("*l")
    if line then
      conn:send("echo: " .. line .. "\n")
    elseif err == "closed" then
      loop:remove_reader(conn)
      conn:close()
    end
  end)
end)

-- A task that shows the loop is free while the sockets wait.
local ticks = 0
local ticker = asyncio.spawn(function()
  while true do
    ticks = ticks + 1
    await(asyncio.sleep(0.01))
  end
end)

-- The client: a reply is awaited as a Future that the socket's reader sets.
local client = assert(socket.connect("127.0.0.1", port))
client:settimeout(0)
local function request(text)
  local reply = loop:create_future()
  loop:add_reader(client, function()
    local line = client:receive("*l")
    if line then
      loop:remove_reader(client)
      reply:set_result(line)
    end
  end)
  client:send(text .. "\n")
  return await(reply)
end

for _, word in ipairs { "one", "two", "three" } do
  print(request(word))
end
await(asyncio.sleep(0.05))
print("the ticker ran meanwhile:", ticks > 0)

ticker:cancel()
client:close()
loop:remove_reader(server)
server:close()
