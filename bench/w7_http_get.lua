-- W7 HTTP client on luasync: N GETs of a 1 KiB body from the shared local server
-- (shared/peers/node/http_server.js), C in flight through one Session (keep-alive).
-- Same arguments and RESULT keys as shared/peers/node/w7_http_get.js:
--   luasync w7_http_get.lua N C PORT
local N = math.tointeger(tonumber(arg[1])) or 5000
local C = math.tointeger(tonumber(arg[2])) or 50
local PORT = assert(arg[3], "usage: luasync w7_http_get.lua N C PORT")
local url = "http://127.0.0.1:" .. PORT .. "/"

local session <close> = asyncio.http.Session { limit = C }
local next_i, bytes = 0, 0
local function worker()
  while next_i < N do
    next_i = next_i + 1
    local r = await(session:get(url))
    bytes = bytes + #await(r:text())
  end
end

local t0 = time.perf_counter()
local workers = {}
for i = 1, C do workers[i] = asyncio.spawn(worker) end
for i = 1, C do await(workers[i]) end
local wall = time.perf_counter() - t0
assert(bytes == N * 1024, bytes)
print(("RESULT peer=luasync N=%d C=%d wall_s=%.4f rate=%.0f"):format(N, C, wall, N / wall))
