-- clock: real
-- Bodies as they come: a chunked body in its pieces, and a 50 MB download
-- read with iter_chunks while the process's memory stays flat (the client
-- keeps about 1 MiB unread and pauses the transfer beyond); other tasks
-- run meanwhile.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check
local http = asyncio.http
local server = require("lib.http_server").start()
local base = server.base

local r = await(http.get(base .. "/chunked"))
local pieces = {}
for chunk in r:iter_chunks() do pieces[#pieces + 1] = chunk end
eq("chunked body, in pieces", table.concat(pieces, "|"), "first;|second;|third")

local function rss_kb()
  local f = assert(io.open("/proc/self/status"))
  local kb = tonumber(f:read("a"):match("VmRSS:%s*(%d+)"))
  f:close()
  return kb
end

local ticks = 0
local ticker = asyncio.spawn(function()
  while true do await(asyncio.sleep(0.005)); ticks = ticks + 1 end
end)
collectgarbage()
local before, peak = rss_kb(), 0
r = await(http.get(base .. "/big?mb=50"))
eq("length announced", r.headers["content-length"], tostring(50 * 1024 * 1024))
local total, n = 0, 0
for chunk in r:iter_chunks(256 * 1024) do
  total = total + #chunk
  n = n + 1
  if n % 20 == 0 then
    peak = math.max(peak, rss_kb())
    collectgarbage("step", 0)
  end
end
ticker:cancel()
eq("50 MB received", total, 50 * 1024 * 1024)
check("memory stayed flat (growth under 24 MB)", peak - before < 24 * 1024,
  ("grew by %d KB"):format(peak - before))
check("the ticker ran meanwhile", ticks > 5, ticks)

-- read(n) on a large body: never more than n at a time.
r = await(http.get(base .. "/big?mb=2"))
local biggest, got = 0, 0
while true do
  local s = await(r:read(100000))
  if s == "" then break end
  biggest = math.max(biggest, #s)
  got = got + #s
end
eq("read(n) got it all", got, 2 * 1024 * 1024)
check("read(n) gives at most n", biggest <= 100000, biggest)

server.stop()
cli.finish()
