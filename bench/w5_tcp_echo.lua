-- W5 TCP echo over 127.0.0.1 on luasync: a server task per connection and C
-- client tasks, each sending SIZE-byte messages and reading each echo back.
-- Same arguments and RESULT keys as shared/peers/luv/w5_tcp_echo.lua:
--   luasync w5_tcp_echo.lua [C [TOTAL]]
local C = math.tointeger(tonumber(arg[1])) or 50
local TOTAL = math.tointeger(tonumber(arg[2])) or 200000
local SIZE = 1024
local now = time.perf_counter

local function handle(reader, writer)
  while true do
    local d = await(reader:read(65536))
    if d == "" then break end
    writer:write(d)
  end
  writer:close()
end

local server = await(asyncio.start_server(handle, "127.0.0.1", 0))
local _, port = server.sockets[1]:getsockname()
local msg = string.rep("x", SIZE)
local per = TOTAL // C

local function client()
  local reader, writer = await(asyncio.open_connection("127.0.0.1", port))
  for _ = 1, per do
    writer:write(msg)
    local d = await(reader:readexactly(SIZE))
    assert(#d == SIZE)
  end
  writer:close()
  return per
end

local t0 = now()
local ts = {}
for i = 1, C do ts[i] = asyncio.spawn(client) end
local res = await(asyncio.gather(table.unpack(ts, 1, C)))
local wall = now() - t0
server:close()
local n = 0
for i = 1, C do n = n + res[i] end
print(("RESULT peer=luasync C=%d msgs=%d size=%d wall_s=%.4f rate=%.0f"):format(C, n, SIZE, wall, n / wall))
