-- debug.traceback prints what lua5.4 prints: the user's frames only (not the
-- runtime's that run a task), the main chunk "in main chunk" over lua.c's
-- "[C]: in ?", lauxlib's names, levels and skipping; an async function's body
-- is named by its name; a task's traceback ends at its function.
local cli = require "lib.cli"
local run, eq, tmpfile, quote = cli.run, cli.eq, cli.tmpfile, cli.quote

local dir = tmpfile()
os.remove(dir)
assert(os.execute("mkdir " .. quote(dir)))
local function script(name, text)
  local f = assert(io.open(dir .. "/" .. name, "w"))
  f:write(text)
  f:close()
end

-- The same script, and what lua5.4 (5.4.4) printed for it.
script("tb.lua", [[
local function f() print(debug.traceback("msg")) end
f()
print(debug.traceback("lvl2", 2))
print(debug.traceback("x", 0))
local co = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co)
print(debug.traceback(co, "m"))
print(debug.traceback({}) ~= nil, debug.traceback(nil), debug.traceback(12, 5))
print(pcall(debug.traceback, "x", "y"))
local function boom() error("boom") end
print(select(2, xpcall(boom, debug.traceback)))
local function deep(n) if n == 0 then return debug.traceback("deep") end local r = deep(n - 1) return r end
print(deep(30))
function gf() return debug.traceback("g") end
print((gf()))
local t = setmetatable({}, {__index = function(t, k) return debug.traceback(k) end})
print(t.key)
print((string.gsub("a", "a", function() return debug.traceback("in gsub") end)))
coroutine.wrap(function() print(debug.traceback("in wrap")) end)()
]])
local out, err, code = run("cd " .. quote(dir) .. [[ && "$L" tb.lua]])
eq("as lua5.4: status", code, 0)
eq("as lua5.4: stderr", err, "")
eq("as lua5.4: stdout", out, [[
msg
stack traceback:
	tb.lua:1: in local 'f'
	tb.lua:2: in main chunk
	[C]: in ?
lvl2
stack traceback:
	[C]: in ?
x
stack traceback:
	[C]: in function 'debug.traceback'
	tb.lua:4: in main chunk
	[C]: in ?
m
stack traceback:
	[C]: in function 'coroutine.yield'
	tb.lua:5: in function <tb.lua:5>
true	stack traceback:
	tb.lua:8: in main chunk
	[C]: in ?	12
stack traceback:
false	bad argument #2 to 'debug.traceback' (number expected, got string)
tb.lua:10: boom
stack traceback:
	[C]: in function 'error'
	tb.lua:10: in function <tb.lua:10>
	[C]: in function 'xpcall'
	tb.lua:11: in main chunk
	[C]: in ?
deep
stack traceback:
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	...	(skipping 11 levels)
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in upvalue 'deep'
	tb.lua:12: in local 'deep'
	tb.lua:13: in main chunk
	[C]: in ?
g
stack traceback:
	tb.lua:14: in function 'gf'
	tb.lua:15: in main chunk
	[C]: in ?
key
stack traceback:
	tb.lua:16: in metamethod 'index'
	tb.lua:17: in main chunk
	[C]: in ?
in gsub
stack traceback:
	tb.lua:18: in function <tb.lua:18>
	[C]: in function 'string.gsub'
	tb.lua:18: in main chunk
	[C]: in ?
in wrap
stack traceback:
	tb.lua:19: in function <tb.lua:19>
]])

-- What lua5.4 has no form of: async functions, tasks, a suspended task.
script("tasks.lua", [[
local work = async(function(n)
  await(asyncio.sleep(0))
  print(debug.traceback("in work " .. n))
  return n
end)
local function outer() local r = await(work(1)) return r end
outer()
await(asyncio.create_task(work(2)))
local co
local function waiter() co = coroutine.running(); await(asyncio.Queue():get()) end
asyncio.create_task(waiter)
await(asyncio.sleep(0))
print(debug.traceback(co, "suspended"))
await(asyncio.spawn(function(x) print(debug.traceback("spawned " .. x)) end, 3))
local co1
asyncio.spawn(function(x) co1 = coroutine.running(); await(asyncio.sleep(x)) end, 60)
await(asyncio.sleep(0))
print(debug.traceback(co1, "suspended 1"))
os.exit(0)
]])
out, err, code = run("cd " .. quote(dir) .. [[ && "$L" tasks.lua]])
eq("tasks: status", code, 0)
eq("tasks: stdout", out, [[
in work 1
stack traceback:
	tasks.lua:3: in function 'work'
	tasks.lua:6: in local 'outer'
	tasks.lua:7: in main chunk
	[C]: in ?
in work 2
stack traceback:
	tasks.lua:3: in function 'work'
suspended
stack traceback:
	tasks.lua:10: in function <tasks.lua:10>
spawned 3
stack traceback:
	tasks.lua:14: in function <tasks.lua:14>
suspended 1
stack traceback:
	tasks.lua:16: in function <tasks.lua:16>
]])

-- A REPL input is a main chunk too.
out, err, code = run([["$L" -i]], 'print(debug.traceback("x"))\n')
cli.has("REPL input", out, "x\nstack traceback:\n\tstdin#1:1: in main chunk\n\t[C]: in ?\n")

os.remove(dir .. "/tb.lua")
os.remove(dir .. "/tasks.lua")
os.remove(dir)
cli.finish()
