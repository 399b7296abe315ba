-- Debug mode: a Future records where it was made, as CPython's records its
-- _source_traceback: its repr ends with "created at x.lua:2" (one made
-- while debug mode was off has none, one made while it was on keeps it
-- after), and the report of an error nobody retrieved gets the frames,
-- the handler's context as source_traceback (a Task's too), the default
-- report as "source_traceback: Object created at (most recent call
-- first):" and the frames. CPython 3.13, for a Future made at line 5:
--   Future exception was never retrieved
--   future: <Future finished exception=RuntimeError('dbg') created at t.py:5>
--   source_traceback: Object created at (most recent call last):
--     File "t.py", line 5, in main
--   RuntimeError: dbg
local cli = require "lib.cli"
local eq = cli.eq

local function run(args, text)
  local path = cli.tmpfile(text)
  local out, err, code = cli.run("$L --clock=virtual " .. args .. " " .. path)
  local pattern = path:gsub("%p", "%%%0")
  return (out:gsub(pattern, "x.lua")), (err:gsub(pattern, "x.lua")), code
end

-- Reprs: made with debug mode on, off, then on again and turned off.
local out, err, code = run("", [[
local loop = asyncio.get_running_loop()
local off = asyncio.Future()
loop:set_debug(true)
local f = asyncio.Future()
print(f)
f:set_result(3)
print(f)
print(loop:create_future())
print(off)
local function make() local f = loop:create_future() return f end
local g = make()
loop:set_debug(false)
print(g)
print(asyncio.Future())
]])
eq("reprs: status", code, 0)
eq("reprs", out, "<Future pending created at x.lua:4>\n<Future finished result=3 created at x.lua:4>\n" ..
  "<Future pending created at x.lua:8>\n<Future pending>\n<Future pending created at x.lua:10>\n<Future pending>\n")
eq("reprs: stderr", err, "")

-- The handler's context: source_traceback, the frames where it was made
-- (a Future's and a Task's); none when debug mode was off.
out, err, code = run("--debug", [[
asyncio.get_running_loop():set_exception_handler(function(_, context)
  print(context.message, context.source_traceback)
end)
local function make()
  local f = asyncio.Future()
  f:set_exception(asyncio.RuntimeError("dbg"))
end
make()
collectgarbage()
local t = asyncio.spawn(function() error(asyncio.ValueError("v")) end)
await(asyncio.sleep(0))
t = nil
collectgarbage()
asyncio.get_running_loop():set_debug(false)
do asyncio.Future():set_exception(asyncio.RuntimeError("off")) end
collectgarbage()
]])
eq("context: status", code, 0)
eq("context", out, "Future exception was never retrieved\t\tx.lua:5: in local 'make'\n\tx.lua:8: in main chunk\n" ..
  "Task exception was never retrieved\t\tx.lua:10: in main chunk\n" ..
  "Future exception was never retrieved\tnil\n")

-- The default report: the frames after the future, as CPython's.
out, err, code = run("--debug", [[
local function make()
  local f = asyncio.Future()
  f:set_exception(asyncio.RuntimeError("dbg"))
end
make()
collectgarbage()
]])
eq("report: status", code, 0)
eq("report", err, "Future exception was never retrieved\n" ..
  "future: <Future finished exception=RuntimeError('dbg') created at x.lua:2>\n" ..
  "source_traceback: Object created at (most recent call first):\n" ..
  "\tx.lua:2: in local 'make'\n\tx.lua:5: in main chunk\n" ..
  "RuntimeError: dbg\n")

cli.finish()
