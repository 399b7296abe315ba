-- clock: real
-- The class's course notes (../shared/course/, Python) translated line by line:
-- scripts/lessons/LESSON_EXAMPLE_name.lua. Each runs and prints its NAME.out:
-- under --clock=virtual unless a first line says "-- clock: real";
-- "-- output: shape" compares with the digits masked (wall-clock
-- timestamps), "-- order: any" compares the lines in any order (threads).
-- Its CPython original, NAME.py, prints the same NAME.out under the
-- examples' virtual clock (scripts/examples/python/_virtual_clock.py) when
-- CPython 3.13 is here and the original needs nothing else (aiohttp, the
-- lesson's own files, wall-clock timestamps) and does not say "-- original
-- differs" (Python's reprs: False, Exception('x')).
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check

local dir = "../../../scripts/lessons"
local python = os.getenv("HOME") .. "/.pyenv/versions/3.13.0/bin/python3"
local has_python = io.open(python) ~= nil
local twins_checked = 0
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
  -- The CPython original, where it can run here.
  local plain = not head:find("%-%- output: shape") and not head:find("%-%- order: any") and
    not head:find("%-%- clock: real") and not head:find("%-%- original differs") and
    name ~= "000_9_fetch_all" and name ~= "000_11_files"
  if has_python and plain then
    local py = cli.run(("cd %s && PYTHONWARNINGS=ignore %s ../examples/python/_virtual_clock.py %s.py"):format(
      cli.quote(dir), python, name), nil, 30)
    eq(name .. ": its CPython original prints the same", py, cli.slurp(dir .. "/" .. name .. ".out"))
    twins_checked = twins_checked + 1
  end
  if name == "002_6_never_awaited" then
    eq(name .. ": the warning", err, "002_6_never_awaited.lua:9: RuntimeWarning: coroutine 'print_four' was never awaited\n")
  elseif name ~= "003_8_gather_error" then
    eq(name .. ": stderr", err, "")
  end
end
if has_python then check("the originals were run", twins_checked >= 12, twins_checked) end
cli.finish()
