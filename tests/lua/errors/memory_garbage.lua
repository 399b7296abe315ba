-- "not enough memory" comes only when a full collection cannot bring the
-- heap back under the limit, as Lua raises it only after its emergency
-- collection. A task that churns through garbage (a collector paused for a
-- growing heap, a pause of its own, a stopped collector) while its live data
-- stays well under the limit never gets it: at its overrun a collection
-- makes room, whether it awaits now and then or never. (Each of these
-- failed: the overrun was flagged, and the next await, or the refusal of a
-- string.rep buffer at the task's ceiling, raised it with the heap mostly
-- garbage.) Live data beyond the limit still gets it, and a debug hook of
-- the program's own is still there after the collections.
local cli = require "lib.cli"
local eq = cli.eq

-- Each script prints one line: pcall's two results and the live megabytes
-- it kept. LUASYNC_MEMORY_LIMIT=64: the tasks' limit is 56 MB.
local function run(what, source, want)
  local out, err, code = cli.run('LUASYNC_MEMORY_LIMIT=64 "$L" ' .. cli.quote(cli.tmpfile(source)), nil, 120)
  eq(what .. ": stdout", out, want)
  eq(what .. ": stderr", err, "")
  eq(what .. ": exit status", code, 0)
end

local churn = [[
local live = {}
local ok, e = pcall(function()
  for i = 1, 1200 do
    local s = string.rep("q", 1 << 18) .. i  -- 256 KB of garbage
    if i %% 6 == 0 and #live < 160 then live[#live + 1] = s end
    %s
  end
end)
print(ok, e, #live // 4)
]]

run("awaits now and then", churn:format("if i % 5 == 0 then await(asyncio.sleep(0)) end"), "true\tnil\t40\n")
run("never awaits", churn:format(""), "true\tnil\t40\n")
run("a pause of its own", 'collectgarbage("setpause", 1000)\n' ..
  churn:format("if i % 10 == 0 then await(asyncio.sleep(0)) end"), "true\tnil\t40\n")
run("the collector stopped", 'collectgarbage("stop")\n' ..
  churn:format("if i % 50 == 0 then await(asyncio.sleep(0)) end"), "true\tnil\t40\n")
run("in a spawned task", [[
local t = asyncio.spawn(function()
  local kept = {}
  for i = 1, 1200 do
    local s = string.rep("q", 1 << 18) .. i
    if i % 6 == 0 and #kept < 160 then kept[#kept + 1] = s end
    if i % 5 == 0 then await(asyncio.sleep(0)) end
  end
  return #kept // 4
end)
print(pcall(await, t))
]], "true\t40\n")

-- Live data beyond the limit: the error, at the limit.
run("live data beyond the limit", [[
local live = {}
local ok, e = pcall(function()
  for i = 1, 1200 do
    live[#live + 1] = string.rep("q", 1 << 18) .. i
    if i % 5 == 0 then await(asyncio.sleep(0)) end
  end
end)
local mb = #live // 4
live = nil
print(ok, e, mb >= 50 and mb <= 56)
]], "false\tnot enough memory\ttrue\n")

-- The program's own count hook runs on, before and after the collections.
run("a debug hook of the program's own", [[
local calls = 0
local function hook() calls = calls + 1 end
debug.sethook(hook, "", 1000)
local before
for i = 1, 1200 do
  local s = string.rep("q", 1 << 18) .. i
  if i == 600 then before = calls end
  if i % 5 == 0 then await(asyncio.sleep(0)) end
end
local fn, mask, count = debug.gethook()
debug.sethook()
print(fn == hook, mask, count, before > 0, calls > before)
]], "true\t\t1000\ttrue\ttrue\n")
cli.finish()
