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

-- The 50 MB download runs in a child luasync, which reports its peak
-- memory before and after (VmHWM). (ASan keeps freed memory aside for a
-- while; in the sanitizer build the child is told not to.)
local script = cli.tmpfile([[
local function hwm_kb()
  local f = assert(io.open("/proc/self/status"))
  local kb = tonumber(f:read("a"):match("VmHWM:%s*(%d+)"))
  f:close()
  return kb
end
local ticks = 0
-- One tick per turn of the loop (not per 5 ms: a fast download took under
-- 30 ms and failed the check): a download that blocked the loop would let
-- it tick once or twice, not once per chunk.
local ticker = asyncio.spawn(function()
  while true do await(asyncio.sleep(0)); ticks = ticks + 1 end
end)
collectgarbage()
local before = hwm_kb()
local r = await(asyncio.http.get("]] .. base .. [[/big?mb=50"))
local total = 0
for chunk in r:iter_chunks(256 * 1024) do total = total + #chunk end
ticker:cancel()
print(r.headers["content-length"], total, hwm_kb() - before, ticks)
]])
local out, err, code = cli.run("ASAN_OPTIONS=quarantine_size_mb=0:${ASAN_OPTIONS:-} $L " .. script, nil, 60)
eq("the child ran", code, 0)
eq("its stderr", err, "")
local announced, total, growth, ticks = out:match("^(%d+)\t(%d+)\t(%-?%d+)\t(%d+)\n$")
eq("length announced", announced, tostring(50 * 1024 * 1024))
eq("50 MB received", tonumber(total), 50 * 1024 * 1024)
check("memory stayed flat (peak grew by under 24 MB)", tonumber(growth) and tonumber(growth) < 24 * 1024,
  ("grew by %s KB"):format(growth))
check("a ticker ran meanwhile", tonumber(ticks) and tonumber(ticks) > 5, ticks)

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
