-- A forgotten await is reported where the coroutine object was made
-- (file:line, as Python's warning names it) and as soon as it is known: when
-- the task step that made it ends with nothing holding it, before the task
-- goes on. One held across steps and awaited later is never reported; one
-- held across steps and then dropped is, still with its place. In debug
-- mode, the stack where it was made follows. Several: in the order made.
local cli = require "lib.cli"
local eq = cli.eq

local script = cli.tmpfile([[
local work = async(function() await(asyncio.sleep(0.5)) return "w" end)
asyncio.sleep(1)
print("after the forgotten sleep")
work()
print("after the forgotten work")
await(asyncio.sleep(0))
print("next step")
local kept = work()
await(asyncio.sleep(0.1))
print(await(kept))
local held = asyncio.sleep(3)
await(asyncio.sleep(0))
held = nil
local q = asyncio.Queue()
q:put(1)
await(asyncio.sleep(0))
asyncio.get_running_loop():set_debug(true)
q:put(2)
await(asyncio.sleep(0))
print("end")
]])
local out, err, code = cli.run('"$L" --clock=virtual ' .. cli.quote(script) .. " 2>&1")
eq("exit status", code, 0)
eq("the warnings, in order with the output", out, ([[
after the forgotten sleep
after the forgotten work
%s:2: RuntimeWarning: coroutine 'sleep' was never awaited
%s:4: RuntimeWarning: coroutine 'work' was never awaited
next step
w
RuntimeWarning: coroutine 'Queue.put' was never awaited
%s:11: RuntimeWarning: coroutine 'sleep' was never awaited
%s:18: RuntimeWarning: coroutine 'Queue.put' was never awaited
Coroutine created at (most recent call first)
	%s:18: in main chunk
end
]]):format(script, script, script, script, script))

-- Several forgotten in one step, ops and coroutine objects: reported in the
-- order they were made. Thousands made in a loop and held by tasks
-- (create_task, gather) are never reported (each armed one gets a guard:
-- ops.cpp's settle).
local many = cli.tmpfile([[
local work = async(function() return 1 end)
local ts = {}
for i = 1, 3000 do ts[i] = asyncio.create_task(asyncio.sleep(0.01)) end
asyncio.sleep(1)
work()
asyncio.sleep(2)
local ops = {}
for i = 1, 3000 do ops[i] = asyncio.sleep(0.01, i) end
local got = await(asyncio.gather(table.unpack(ops)))
await(asyncio.gather(table.unpack(ts)))
print(#got, got[1], got[3000])
]])
out, err, code = cli.run('"$L" --clock=virtual ' .. cli.quote(many) .. " 2>&1")
eq("many: exit status", code, 0)
eq("many: three warnings in order, none for the held ones", out, ([[
%s:4: RuntimeWarning: coroutine 'sleep' was never awaited
%s:5: RuntimeWarning: coroutine 'work' was never awaited
%s:6: RuntimeWarning: coroutine 'sleep' was never awaited
3000	1	3000
]]):format(many, many, many))

-- The place of each sleep, however it was made: in a loop (one place, the
-- kernel's shortcut for a sleep made where the last was), at two lines of
-- one function, in a tail call, by a C function (pcall: no line of the
-- user's, no place), by two closures of one function, in a later step, in
-- chunks loaded and collected in turn, after sleeps made and awaited there.
local places = cli.tmpfile([[
local function two(n)
  local a = asyncio.sleep(n)
  local b = asyncio.sleep(n)
  return a, b
end
local function tail() return asyncio.sleep(5) end
local function mk() return function() return asyncio.sleep(6) end end
local function again() asyncio.sleep(9) end
for i = 1, 2 do asyncio.sleep(i) end
two(3)
tail()
pcall(asyncio.sleep, 7)
asyncio.sleep(8)
mk()()
mk()()
again()
await(asyncio.sleep(0))
print("next step")
again()
two(10)
again()
for i = 1, 2 do
  local f = load(("\n"):rep(i) .. "asyncio.sleep(1)", "=chunk")
  f()
  f = nil
  collectgarbage()
end
for i = 1, 3 do
  local s = asyncio.sleep(0)
  if i < 3 then await(s) end
end
]])
out, err, code = cli.run('"$L" --clock=virtual ' .. cli.quote(places) .. " 2>&1")
eq("places: exit status", code, 0)
local w = "%s:%d: RuntimeWarning: coroutine 'sleep' was never awaited\n"
local function at(...)
  local t = {}
  for _, line in ipairs({...}) do t[#t + 1] = w:format(places, line) end
  return table.concat(t)
end
eq("places: each sleep's", out, at(9, 9, 2, 3, 6) .. "RuntimeWarning: coroutine 'sleep' was never awaited\n" ..
  at(13, 7, 7, 8) .. "next step\n" .. at(8, 2, 3, 8) ..
  "chunk:2: RuntimeWarning: coroutine 'sleep' was never awaited\n" ..
  "chunk:3: RuntimeWarning: coroutine 'sleep' was never awaited\n" .. at(29))
cli.finish()
