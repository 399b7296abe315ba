-- What must work when memory has run out, now that parts of the runtime
-- load at their first use (bench W6): os.exit(code, true) exits with its
-- code, a TaskGroup's error prints as the group it is, and tasks made
-- after a spike whose few survivors are scattered over the heap start.
local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local tmpfile, run, eq, check, finish = cli.tmpfile, cli.run, cli.eq, cli.check, cli.finish

-- Memory filled with strings of each size in turn (where the last block
-- lands moves with it), then the path under test.
local function filled(n, where, body)
  local fill = ("pcall(function() local i = 0 while true do i = i + 1; hold[i] = string.rep('x', %d) .. i end end)")
    :format(n)
  return run('LUASYNC_MEMORY_LIMIT=8 "$L" ' .. tmpfile("hold = {}\n" .. body:gsub(where, fill)))
end

-- os.exit(code, true) never returns (it did, the program then ending with
-- status 0, when its part had to load a module): it exits with its code,
-- or, with too little left to reach it, the program fails as any does.
local exited = 0
for _, n in ipairs({ 100, 150, 250, 400, 500, 1500, 3000 }) do
  local _, err, status = filled(n, "FILL", [[
FILL
local ok, e = pcall(os.exit, 3, true)
io.stderr:write("os.exit returned: ", tostring(ok), " ", tostring(e), "\n")
]])
  check("os.exit(3, true), memory full (" .. n .. "): never returns", not err:find("os.exit returned", 1, true), err)
  check("os.exit(3, true), memory full (" .. n .. "): status", status == 3 or status == 1, status)
  if status == 3 then exited = exited + 1 end
end
check("os.exit(3, true), memory full: exited with its code", exited >= 5, exited)

-- A TaskGroup's error prints as its group (its text needs no module).
for _, n in ipairs({ 150, 180, 200, 210, 250, 300 }) do
  local _, err = filled(n, "FILL", [[
local tg <close> = asyncio.TaskGroup()
tg:create_task(function()
  FILL
  error(asyncio.ValueError("v"))
end)
await(asyncio.sleep(0.01))
]])
  check("a TaskGroup's error, memory full (" .. n .. "): printed as its group",
    err:find("ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)", 1, true) ~= nil, err)
end

-- 130,000 small tables, one in 200 kept: the heap holds spans that are
-- mostly room. 200 tasks start and finish under a 16 MB limit.
local out, err, status = run('LUASYNC_MEMORY_LIMIT=16 "$L" ' .. tmpfile([[
local junk = {}
for i = 1, 130000 do junk[i] = { i, i } end
local keep = {}
for i = 1, 130000, 200 do keep[#keep + 1] = junk[i] end
junk = nil
collectgarbage()
collectgarbage()
local ts = {}
for i = 1, 200 do ts[i] = asyncio.create_task(async(function() return i end)()) end
print("done", #await(asyncio.gather(table.unpack(ts))), #keep)
]]))
eq("tasks after a scattered spike: stderr", err, "")
eq("tasks after a scattered spike: status", status, 0)
eq("tasks after a scattered spike: they ran", out, "done\t200\t650\n")

finish()
