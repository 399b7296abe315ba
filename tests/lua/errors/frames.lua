-- A task's message handler takes the user's frames through lua/frames.cpp,
-- report.lua's frames() in C for its usual case (the running coroutine, no
-- limit, a stack it scans in full). Both must give the same text: here each
-- stack shape is taken both ways from the same frame (a limit of math.huge
-- takes report.lua's own loop and changes nothing else), and the handler's
-- text is checked where it shows, in an error that ends a task.
local cli = require "lib.cli"
local report = require "luasync.report"

local cases = 0
local function same(what, level)
  level = level or 1
  -- Level 1 is the caller of same(), one frame above this one.
  local c = report.frames(nil, level + 1)
  local lua = report.frames(nil, level + 1, math.huge)
  cases = cases + 1
  if c ~= lua then
    cli.check(what .. ": the same frames both ways", false, ("C:\n%s\nLua:\n%s"):format(c, lua))
  end
  return c
end

-- Named every way Lua names a function.
function global_fn() return (same("a global")) end
local t = { field = function() return (same("a field")) end }
function t:method() return (same("a method")) end
local function loc() return (same("a local")) end
local up = function() return (same("an upvalue")) end
local function through_up() return (up()) end
cli.check("a global shows", global_fn():find("in function 'global_fn'", 1, true) ~= nil, global_fn())
t.field()
t:method()
loc()
through_up()
same("the main chunk")

-- Tail calls, shown and hidden.
local function leaf() return (same("below a tail call")) end
local function tail() return leaf() end
tail()
local function tail_into_lua() return same("a tail call's frame itself") end
tail_into_lua()

-- An async function's body, named by fn_names; a task's frames.
local named = async(function() return (same("an async function's body")) end)
await(named())
await(asyncio.spawn(function() return (same("a task's function")) end))

-- Chunks: from a string, with a name, stripped of line numbers.
local from_string = load("return function(f) return (f('a chunk from a string')) end")()
from_string(same)
local custom = load("return function(f) return (f('a chunk named =custom')) end", "=custom")()
custom(same)
local stripped = load(string.dump(load("return function(f) return (f('a stripped chunk')) end")(), true))
stripped(same)

-- Through C: pcall, table.sort's comparator, string.gsub's function.
pcall(same, "under pcall")
table.sort({ 2, 1 }, function(a, b) same("in a sort comparator") return a < b end)
string.gsub("x", "x", function() same("in gsub's function") end)

-- Deep stacks: the head, the count skipped, the tail; past the full scan
-- (4,000 levels) the C function leaves it to report.lua.
local function deep(n, what) if n == 0 then return (same(what)) end local r = deep(n - 1, what) return r end
deep(10, "10 levels")
deep(30, "30 levels: head, skip, tail")
local text = deep(30, "30 levels again")
cli.check("30 levels: the skip line", text:find("\t...\t(skipping", 1, true) ~= nil, text)
deep(3990, "3,990 levels")
deep(4100, "4,100 levels")

-- A level beyond the stack: nothing.
cli.check("past the stack: empty", same("past the stack", 100) == "", same("past the stack", 100))

cli.check("every case gave the same text both ways (" .. cases .. " cases)", cases >= 24, cases)

-- The handler's text where it shows: an error that ends a task.
local function fails() error(asyncio.TimeoutError("no")) end
local task = asyncio.spawn(function() fails() end)
local ok, e = pcall(await, task)
local tb = not ok and e.traceback or ""
local expected = ("  task '%s':\n\tframes_in_c.lua:78: in upvalue 'fails'\n" ..
  "\tframes_in_c.lua:79: in function <frames_in_c.lua:79>"):format(task:get_name())
cli.check("the handler's frames", tb == expected, tb)
-- A worker thread's state has the runtime's modules too, report.lua's C
-- half with them.
local in_worker = await(asyncio.to_thread(function()
  local ok, r = pcall(require, "luasync.report")
  return ok and type(r.frames) == "function"
end))
cli.check("report.lua loads in a worker's state", in_worker == true, in_worker)
cli.finish()
