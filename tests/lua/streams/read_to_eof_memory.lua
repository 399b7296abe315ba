-- clock: real
-- reader:read() to the end of a stream holds the data about twice at its
-- peak, as CPython's does (its blocks and their join: 216 MB resident for
-- 100 MB): the strings fed are kept as they came and joined once, into a
-- string made at its size. It peaked at four times the data (420 MB for
-- 100 MB): blocks of the limit were cut out of a buffer joined from what
-- was fed, each copy garbage for the collector, and table.concat's buffer
-- doubled on the way to the result.
-- A child luasync serves 32 MB to itself over 127.0.0.1 and reports how much
-- its peak resident memory (VmHWM) grew during the read. (ASan keeps freed
-- memory aside for a while; in the sanitizer build the child is told not to.)
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check

local MB = 32
local script = cli.tmpfile([[
local function hwm_kb()
  local f = assert(io.open("/proc/self/status"))
  local kb = tonumber(f:read("a"):match("VmHWM:%s*(%d+)"))
  f:close()
  return kb
end
local chunk = string.rep("x", 1 << 20)
local server = await(asyncio.start_server(function(r, w)
  for _ = 1, ]] .. MB .. [[ do
    w:write(chunk)
    await(w:drain())
  end
  w:write("end")
  w:close()
end, "127.0.0.1", 0))
local reader, writer = await(asyncio.open_connection(server.sockets[1]:getsockname()))
collectgarbage()
local before = hwm_kb()
local data = await(reader:read())
print(#data, data:sub(-4), data:find("[^x]") == #data - 2, hwm_kb() - before)
writer:close()
server:close()
]])
local out, err, code = cli.run("ASAN_OPTIONS=quarantine_size_mb=0:${ASAN_OPTIONS:-} $L " .. script, nil, 60)
eq("the child ran", code, 0)
eq("its stderr", err, "")
local n, tail, only_x, growth = out:match("^(%d+)\t(%w+)\t(%w+)\t(%-?%d+)\n$")
eq("every byte read", tonumber(n), MB * 1024 * 1024 + 3)
eq("the last bytes", tail, "xend")
eq("in order", only_x, "true")
growth = tonumber(growth)
check(("peak memory grew by under 3 times the data (%d MB)"):format(3 * MB), growth and growth < 3 * MB * 1024,
  ("grew by %s KB"):format(growth))
cli.finish()
