-- clock: real
-- The class's course notes (../shared/course/, Python) translated line by line:
-- scripts/examples/course/LESSON_EXAMPLE_name.lua. Each runs and prints its
-- NAME.out: under --clock=virtual unless a first line says "-- clock: real";
-- "-- output: shape" compares with the digits masked (wall-clock
-- timestamps), "-- order: any" compares the lines in any order (threads).
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check

local dir = "../../../scripts/examples/course"
local names = {}
local p = assert(io.popen("ls " .. dir .. "/*.lua"))
for line in p:lines() do names[#names + 1] = line:match("([^/]+)%.lua$") end
p:close()
check("the examples are there", #names >= 20, #names)

local function lines_sorted(s)
  local t = {}
  for l in s:gmatch("[^\n]*\n") do t[#t + 1] = l end
  table.sort(t)
  return table.concat(t)
end

for _, name in ipairs(names) do
  local path = dir .. "/" .. name .. ".lua"
  local head = cli.slurp(path):match("^([^\n]*\n?[^\n]*\n?[^\n]*)")
  local clock = head:find("%-%- clock: real") and "--clock=real" or "--clock=virtual"
  local out, err, code = cli.run(("cd %s && $L %s %s.lua"):format(cli.quote(dir), clock, name), nil, 30)
  eq(name .. ": status", code, 0)
  local want = cli.slurp(dir .. "/" .. name .. ".out")
  if head:find("%-%- output: shape") then
    out, want = out:gsub("%d", "#"), want:gsub("%d", "#")
  elseif head:find("%-%- order: any") then
    out, want = lines_sorted(out), lines_sorted(want)
  end
  eq(name .. ": output", out, want)
  if name == "002_6_never_awaited" then
    eq(name .. ": the warning", err, "002_6_never_awaited.lua:9: RuntimeWarning: coroutine 'print_four' was never awaited\n")
  elseif name ~= "003_8_gather_error" then
    eq(name .. ": stderr", err, "")
  end
end
cli.finish()
