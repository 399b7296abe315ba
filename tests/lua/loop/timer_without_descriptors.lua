-- The loop's timer (a timerfd) is made at the first deadline it waits for
-- in real time, not at the start (bench W6). A program that used up its
-- descriptors before that still sleeps: libuv's own timer, which needs
-- none, wakes the poll, without spinning; the timerfd is made once a
-- descriptor is free again.
local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local tmpfile, run, eq, check, finish = cli.tmpfile, cli.run, cli.eq, cli.check, cli.finish

local out, err, status = run('ulimit -n 64; "$L" ' .. tmpfile([[
local files = {}
while true do
  local f = io.open("/dev/null")
  if not f then break end
  files[#files + 1] = f
end
local loop = asyncio.get_running_loop()
local function sleep_for(s)
  local t0, cpu0 = loop:time(), os.clock()
  await(asyncio.sleep(s))
  return loop:time() - t0, os.clock() - cpu0
end
local took, cpu = sleep_for(0.2)
print("full", #files > 40, took >= 0.2, took < 0.5, cpu)
for _ = 1, 3 do table.remove(files):close() end
took, cpu = sleep_for(0.05)
print("freed", took >= 0.05, took < 0.3)
]]))
eq("stderr", err, "")
eq("status", status, 0)
local cpu = tonumber(out:match("^full\ttrue\ttrue\ttrue\t(%S+)\n"))
check("out of descriptors: slept 0.2 s", cpu ~= nil, out)
-- (a poll that spun would burn the whole 0.2 s)
check("out of descriptors: without spinning", cpu and cpu < 0.1, cpu)
check("with a descriptor free again", out:find("\nfreed\ttrue\ttrue\n$") ~= nil, out)

finish()
