-- The user's frames as the runtime writes them (report.frames, in C:
-- lua/frames.cpp): what every task's message handler takes for the error
-- that ends it, task:print_stack() and the reports show. Each shape pinned
-- here printed the same with report.lua's Lua version before it (compared
-- when it moved to C): names of every kind, tail calls, an async body,
-- chunks named and stripped, frames under C functions, a limit, another
-- coroutine's stack, deep stacks cut in user frames and, past 4,000
-- levels, in levels. The line numbers below are this file's.
local cli = require "lib.cli"
local report = require "luasync.report"
local check = cli.check
local function lines(...) return table.concat({ ... }, "\n") end

local function frames_here() local s = report.frames(nil, 1) return s end
function global_fn() local s = report.frames(nil, 1) return s end
local t = { field = function() local s = report.frames(nil, 1) return s end }
function t:method() local s = report.frames(nil, 1) return s end
local function via_up() local s = frames_here() return s end

local s = global_fn()
check("a global", s == lines("\tframes.lua:15: in function 'global_fn'", "\tframes.lua:20: in main chunk"), s)
s = t.field()
check("a field", s == lines("\tframes.lua:16: in function 'field'", "\tframes.lua:22: in main chunk"), s)
s = t:method()
check("a method", s == lines("\tframes.lua:17: in function 'method'", "\tframes.lua:24: in main chunk"), s)
s = via_up()
check("an upvalue and a local", s == lines("\tframes.lua:14: in upvalue 'frames_here'",
  "\tframes.lua:18: in local 'via_up'", "\tframes.lua:26: in main chunk"), s)

local function leaf() local r = report.frames(nil, 1) return r end
local function tail() return leaf() end
s = tail()
check("a tail call, marked", s == lines("\tframes.lua:30: in function <frames.lua:30>", "\t(...tail calls...)",
  "\tframes.lua:32: in main chunk"), s)
local function into_runtime() return report.frames(nil, 1) end
s = into_runtime()
check("a tail call into the runtime, dropped", s == "\tframes.lua:36: in main chunk", s)

local named = async(function() local r = report.frames(nil, 1) return r end)
s = await(named())
check("an async body, named", s == lines("\tframes.lua:39: in function 'named'", "\tframes.lua:40: in main chunk"), s)
s = await(asyncio.spawn(function() local r = report.frames(nil, 1) return r end))
check("a task's function, alone", s == "\tframes.lua:42: in function <frames.lua:42>", s)

s = load("return function(f) local r = f() return r end", "=custom")()(frames_here)
check("a chunk named =custom", s == lines("\tframes.lua:14: in local 'f'", "\tcustom:1: in function <custom:1>",
  "\tframes.lua:45: in main chunk"), s)
s = load(string.dump(load("return function(f) local r = f() return r end")(), true))(frames_here)
check("a stripped chunk: no line", s == lines("\tframes.lua:14: in function <frames.lua:14>",
  "\t?: in function <?:1>", "\tframes.lua:48: in main chunk"), s)
s = select(2, pcall(frames_here))
check("under pcall", s == lines("\tframes.lua:14: in function <frames.lua:14>", "\tframes.lua:51: in main chunk"), s)
s = report.frames(nil, 1, 1)
check("a limit of one", s == "\tframes.lua:53: in main chunk", s)
s = report.frames(nil, 50)
check("past the stack: nothing", s == "", s)

local co = coroutine.create(function()
  local function r(n) if n == 0 then coroutine.yield() end r(n - 1) end
  r(3)
end)
coroutine.resume(co)
local rec = "\tframes.lua:59: in upvalue 'r'"
s = report.frames(co, 0)
check("another coroutine's stack", s == lines(rec, rec, rec, "\tframes.lua:59: in local 'r'",
  "\tframes.lua:60: in function <frames.lua:58>"), s)
s = report.frames(co, 0, 2)
check("another coroutine's, limited", s == lines(rec, rec), s)

-- Deep stacks: 12 innermost user frames, the count skipped, 10 outermost.
local function deep(n) if n == 0 then local r = report.frames(nil, 1) return r end local r = deep(n - 1) return r end
for _, case in ipairs({ { 30, 23, 10 }, { 5000, 20, 4983 } }) do
  local depth, nlines, skipped = case[1], case[2], case[3]
  s = deep(depth)
  local n = select(2, s:gsub("\n", "\n")) + 1
  check(depth .. " levels: " .. nlines .. " lines", n == nlines, n)
  check(depth .. " levels: the skip line", s:find(("\n\t...\t(skipping %d levels)\n"):format(skipped), 1, true) ~= nil, s)
  local first, last = "\tframes.lua:71: in upvalue 'deep'\n", "\n\tframes.lua:74: in main chunk"
  check(depth .. " levels: the innermost first", s:sub(1, #first) == first, s:sub(1, 40))
  check(depth .. " levels: the main chunk last", s:sub(-#last) == last, s:sub(-40))
end

-- The handler's text where it shows: an error that ends a task.
local function fails() error(asyncio.TimeoutError("no")) end
local task = asyncio.spawn(function() fails() end)
local ok, e = pcall(await, task)
local tb = not ok and e.traceback or ""
local expected = ("  task '%s':\n\tframes.lua:84: in upvalue 'fails'\n" ..
  "\tframes.lua:85: in function <frames.lua:85>"):format(task:get_name())
check("the handler's frames", tb == expected, tb)

-- A worker thread's state has the runtime's modules too, report.lua's C
-- half with them.
local in_worker = await(asyncio.to_thread(function()
  local ok_, r = pcall(require, "luasync.report")
  return ok_ and type(r.frames) == "function"
end))
check("report.lua loads in a worker's state", in_worker == true, in_worker)
cli.finish()
