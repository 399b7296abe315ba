-- The memory of tasks that ended goes back to the system: a program that
-- once held 250,000 sleeping tasks (~500 MB) and let them go keeps about
-- 64 MB of it (the slab heap's floor of empty spans, src/lua/slab_heap.hpp),
-- not its peak until it exits, as CPython's pymalloc frees its empty arenas.
-- The slab heap kept every span it cut until the state closed. A second,
-- smaller wave of tasks runs in memory taken back (faulted in again), and
-- lets it go again.
--
-- The child reads its own VmRSS and VmHWM (peak). Under AddressSanitizer
-- (the sanitizer build) Lua's blocks go to ASan's malloc, not to the slab
-- heap (src/lua/state.cpp): the child says so and the test checks nothing.
local cli = require "lib.cli"
local check = cli.check

local child = cli.tmpfile([[
local function mb(key)
  local f = assert(io.open("/proc/self/status"))
  local s = f:read("a")
  f:close()
  return tonumber(s:match(key .. ":%s*(%d+)")) // 1024
end
local maps = assert(io.open("/proc/self/maps")):read("a")
if maps:find("libasan", 1, true) or maps:find("clang_rt.asan", 1, true) then
  print("no slab heap")
  return
end
local function wave(n)
  local tasks = {}
  for i = 1, n do tasks[i] = asyncio.spawn(asyncio.sleep, 1, i) end
  await(asyncio.sleep(2))
  for i = 1, n do assert(tasks[i]:result() == i) end
end
wave(250000)
collectgarbage()
collectgarbage()
print(("first %d %d"):format(mb("VmHWM"), mb("VmRSS")))
wave(80000)
collectgarbage()
collectgarbage()
print(("second %d %d"):format(mb("VmHWM"), mb("VmRSS")))
]])

local out, err, code = cli.run('"$L" --clock=virtual ' .. child, nil, 60)
check("the child's status", code == 0, out .. err)
if out ~= "no slab heap\n" then
  local peak, after = out:match("first (%d+) (%d+)")
  local after2 = out:match("second %d+ (%d+)")
  peak, after, after2 = tonumber(peak), tonumber(after), tonumber(after2)
  check("the child's report", peak and after2, out .. err)
  if peak and after2 then
    check("250,000 tasks made the heap grow (peak " .. peak .. " MB)", peak > 300, out)
    check("ended tasks' memory went back: " .. after .. " MB resident after a peak of " .. peak,
      after < peak / 3, out)
    check("and let it go again: " .. after2 .. " MB", after2 < peak / 3, out)
  end
end
cli.finish()
