-- Exit statuses and what the script runner prints on stderr: 0, 1 with a
-- traceback for an uncaught error, os.exit(n), SystemExit, syntax errors
-- (`luasync: file:line: message`), a missing script (`cannot open`).
-- Each case runs the binary in a subprocess (bash -c, 10 s timeout).

local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set")

local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local quote, tmpfile, slurp, run, show, fail = cli.quote, cli.tmpfile, cli.slurp, cli.run, cli.show, cli.fail
local eq, has, matches, finish = cli.eq, cli.has, cli.matches, cli.finish

local function script(text) return tmpfile(text) end
local function esc(s) return (s:gsub("%p", "%%%0")) end

-- 0: a normal end, nothing on stderr
local out, err, code = run('"$L" ' .. script('print("hi")\nawait(asyncio.sleep(0))\nprint("bye")\n'))
eq("normal: status", code, 0)
eq("normal: stdout", out, "hi\nbye\n")
eq("normal: stderr", err, "")

-- A program's own finalizers run at its end, as in lua5.4: whether or not
-- anything else (a module loaded since startup) made the runner collect.
out, err, code = run('"$L" ' .. script('setmetatable({}, {__gc = function() print("collected") end})\nprint("end")\n'))
eq("finalizer at exit: stdout", out, "end\ncollected\n")
eq("finalizer at exit: status", code, 0)
out, err, code = run('"$L" ' .. script('local q = asyncio.Queue()\nsetmetatable({}, {__gc = function() print("collected") end})\nprint("end")\n'))
eq("finalizer at exit, a module loaded: stdout", out, "end\ncollected\n")
-- The program's end leaves once the last finalizer ran (the state's
-- objects are not freed one by one): every finalizer still runs, newest
-- first as in lua5.4, also after an uncaught error; what they write reaches
-- stdout (fully buffered here) and a file left open gets all its bytes.
do
  local path = os.tmpname()
  out, err, code = run('"$L" ' .. script(([[
io.stdout:setvbuf("full")
for i = 1, 3 do _G["t" .. i] = setmetatable({}, {__gc = function() io.write("gc ", i, "\n") end}) end
local f = io.open(%q, "w")
f:write(string.rep("x", 100000))
g = setmetatable({}, {__gc = function() io.write("last of the program's\n") end})
error("boom")
]]):format(path)))
  eq("finalizers after an error: stdout", out, "last of the program's\ngc 3\ngc 2\ngc 1\n")
  eq("finalizers after an error: status", code, 1)
  has("finalizers after an error: stderr", err, "boom")
  local f = assert(io.open(path, "rb"))
  eq("finalizers after an error: the open file's bytes", #f:read("a"), 100000)
  f:close()
  os.remove(path)
end

-- 1: an uncaught error; the traceback names file:line and the task
local s = script([[
local function f()
  error("boom")
end
print("before")
f()
print("not reached")
]])
out, err, code = run('"$L" ' .. s)
eq("uncaught error: status", code, 1)
eq("uncaught error: stdout", out, "before\n")
eq("uncaught error: first line", err:match("^[^\n]*\n"), "luasync: " .. s .. ":2: boom\n")
has("uncaught error: traceback header", err, "\nstack traceback:\n")
has("uncaught error: names the main task", err, "Task-1")
matches("uncaught error: frame of f", err, "\n%s*" .. esc(s) .. ":2: in [^\n]*'f'")
matches("uncaught error: frame of the main chunk", err, "\n%s*" .. esc(s) .. ":5: in main chunk")
if err:find("luasync:%a+:%d+:") or err:find("[C]: in ?", 1, true) then
  fail("uncaught error: runtime-internal frames shown", show(err))
end

-- an error raised in another task: the traceback names it, then the awaiting main task
s = script([[
local worker = async(function(n)
  await(asyncio.sleep(0.1))
  error("worker " .. n .. " failed")
end)
local t = asyncio.create_task(worker(7), {name = "the-worker"})
await(t)
]])
out, err, code = run('"$L" --clock=virtual ' .. s)
eq("error in a task: status", code, 1)
eq("error in a task: first line", err:match("^[^\n]*\n"), "luasync: " .. s .. ":3: worker 7 failed\n")
matches("error in a task: the worker's frame under its name, then Task-1's",
  err, "the%-worker.-\n%s*" .. esc(s) .. ":3: in .-Task%-1.-\n%s*" .. esc(s) .. ":6: in main chunk")

-- error values other than strings
local cases = {
  { [[error(asyncio.ValueError("bad value"))]], "luasync: ValueError: bad value\n" },
  { [[error(setmetatable({}, {__tostring = function() return "custom text" end}))]], "luasync: custom text\n" },
  { [[error({code = 1})]], "luasync: (error object is a table value)\n" },
  { [[error()]], "luasync: (error object is a nil value)\n" },
  { [[error("no position", 0)]], "luasync: no position\n" },
}
for _, c in ipairs(cases) do
  out, err, code = run([["$L" -e ']] .. c[1] .. "'")
  eq(c[1] .. ": status", code, 1)
  eq(c[1] .. ": first line", err:match("^[^\n]*\n"), c[2])
end

-- an error in -e stops there: later -e and the script do not run
out, err, code = run([["$L" -e 'print("one")' -e 'error("in e")' -e 'print("three")' ]] .. script('print("script")\n'))
eq("error in -e: status", code, 1)
eq("error in -e: stdout", out, "one\n")
eq("error in -e: first line", err:match("^[^\n]*\n"), "luasync: (command line):1: in e\n")

-- the main task cancelled (not by Ctrl-C) is an uncaught CancelledError
out, err, code = run([["$L" -e 'asyncio.current_task():cancel() await(asyncio.sleep(0)) print("not reached")']])
eq("main cancelled: status", code, 1)
eq("main cancelled: stdout", out, "")
has("main cancelled: CancelledError on stderr", err, "CancelledError")

-- os.exit
local exits = {
  { "os.exit(3)", 3 },
  { "os.exit(0)", 0 },
  { "os.exit()", 0 },
  { "os.exit(true)", 0 },
  { "os.exit(false)", 1 },
  { "await(asyncio.sleep(1)) os.exit(4)", 4 },
  { "asyncio.spawn(function() await(asyncio.sleep(1)) os.exit(7) end) await(asyncio.sleep(5)) print(1)", 7 },
  { "os.exit(2, true)", 2 },
  { "await(asyncio.sleep(0)) os.exit(6, true)", 6 },
}
for _, c in ipairs(exits) do
  out, err, code = run([["$L" --clock=virtual -e 'io.write("out ") ]] .. c[1] .. "'")
  eq(c[1] .. ": status", code, c[2])
  eq(c[1] .. ": stdout flushed", out, "out ")
  eq(c[1] .. ": stderr", err, "")
end

-- os.exit(code, true) runs the pending <close> variables of the main chunk
-- (or of the REPL input) before the finalizers, as lua5.4 does for its main
-- thread, also when called from a nested function under pcall or from another
-- task; a spawned task's are not run (lua5.4 leaves a coroutine's too)
local closer = [[local function closer(name) return setmetatable({}, {__close = function() print("closed " .. name) end}) end
setmetatable({}, {__gc = function() print("collected") end})
]]
local close_cases = {
  { closer .. [[local a <close> = closer("a")
asyncio.create_task(function() local t <close> = closer("task"); await(asyncio.sleep(10)) end)
await(asyncio.sleep(0))
do
  local b <close> = closer("b")
  local function f() os.exit(3, true) end
  print(pcall(f))
end]], 3, "closed b\nclosed a\ncollected\n" },
  { closer .. [[local a <close> = closer("a")
asyncio.create_task(function() os.exit(true, true) end)
await(asyncio.sleep(1))]], 0, "closed a\ncollected\n" },
  { closer .. [[local a <close> = closer("a")
os.exit(false)]], 1, "" },
}
for i, c in ipairs(close_cases) do
  out, err, code = run([["$L" --clock=virtual ]] .. quote(tmpfile(c[1])))
  eq("os.exit(code, true) " .. i .. ": status", code, c[2])
  eq("os.exit(code, true) " .. i .. ": stdout", out, c[3])
  eq("os.exit(code, true) " .. i .. ": stderr", err, "")
end
out, err, code = run([["$L" -i]], closer .. [[do local x <close> = closer("input"); os.exit(5, true) end
print("not reached")
]])
eq("os.exit(code, true) in a REPL input: status", code, 5)
has("os.exit(code, true) in a REPL input: closes its <close>", out, "closed input\ncollected\n")
-- While lua_close runs the finalizers no task is current: they run in the
-- frames the runner's loop ran in, where a step's current task was named by a
-- slot (none of their locals may pass for it, at any depth)
out, err, code = run([["$L" --clock=virtual ]] .. quote(tmpfile([[
local function probe(depth)
  local a, b, c = "x", "y", "z"
  local t = asyncio.current_task()
  if t ~= nil then print("depth " .. depth .. " sees " .. tostring(t)) end
  if depth < 12 then probe(depth + 1) end
  return a, b, c
end
local t = asyncio.spawn(function()
  setmetatable({}, { __gc = function() probe(1) print("finalizer done") end })
  await(asyncio.sleep(0))
  os.exit(3, true)
end)
await(t)
]])))
eq("os.exit(code, true) from a task: no current task in finalizers: status", code, 3)
eq("os.exit(code, true) from a task: no current task in finalizers: stdout", out, "finalizer done\n")
eq("os.exit(code, true) from a task: no current task in finalizers: stderr", err, "")
-- A coroutine of the main chunk suspended in its await when os.exit(code,
-- true) closes the main chunk: no longer the main chunk's (which is gone),
-- so a <close> handler can close it, and its own <close> variables run;
-- likewise an async_generator's closing value closes its generator.
out, err, code = run([["$L" --clock=virtual ]] .. quote(tmpfile([[
local co = coroutine.create(function()
  local _ <close> = setmetatable({}, { __close = function() print("inner <close> ran") end })
  await(asyncio.sleep(10))
end)
local _ <close> = setmetatable({}, { __close = function()
  print(coroutine.status(co), coroutine.close(co))
end })
asyncio.spawn(function() await(asyncio.sleep(0.05)) os.exit(4, true) end)
coroutine.resume(co)
]])))
eq("os.exit(code, true) with a coroutine awaiting: status", code, 4)
eq("os.exit(code, true) with a coroutine awaiting: stdout", out, "inner <close> ran\nsuspended\ttrue\n")
eq("os.exit(code, true) with a coroutine awaiting: stderr", err, "")
out, err, code = run([["$L" --clock=virtual ]] .. quote(tmpfile([[
local gen = asyncio.async_generator(function()
  local _ <close> = setmetatable({}, { __close = function() print("generator <close> ran") end })
  await(asyncio.sleep(10))
end)
asyncio.spawn(function() await(asyncio.sleep(0.05)) os.exit(4, true) end)
for _ in gen() do end
]])))
eq("os.exit(code, true) with an async_generator awaiting: status", code, 4)
eq("os.exit(code, true) with an async_generator awaiting: stdout", out, "generator <close> ran\n")
eq("os.exit(code, true) with an async_generator awaiting: stderr", err, "")
-- lua's argument errors
out, err, code = run([["$L" -e 'local e = os.exit; e({})']])
eq("os.exit({}): status", code, 1)
has("os.exit({}): lua's message", err, "bad argument #1 to 'e' (number expected, got table)")

-- an uncaught SystemExit leaves as Python's does: quietly with its code, an
-- integer; with its text on stderr and status 1 for anything else
local system_exits = {
  { "error(asyncio.SystemExit(3))", 3, "" },
  { "error(asyncio.SystemExit())", 0, "" },
  { "error(asyncio.SystemExit(false))", 1, "" },
  { [[error(asyncio.SystemExit(\"bye\"))]], 1, "bye\n" },
  { "asyncio.run(async(function() await(asyncio.sleep(1)) error(asyncio.SystemExit(5)) end)())", 5, "" },
  { "print(pcall(error, asyncio.SystemExit(2)) == false)", 0, "" },
}
for _, c in ipairs(system_exits) do
  out, err, code = run([["$L" --clock=virtual -e "io.write('out ') ]] .. c[1] .. '"')
  eq(c[1] .. ": status", code, c[2])
  eq(c[1] .. ": stderr", err, c[3])
end

-- syntax errors: `luasync: chunk:line: message`, status 1, nothing runs
s = script('print("must not run")\nlocal x = = 1\n')
out, err, code = run('"$L" ' .. s)
eq("syntax error: status", code, 1)
eq("syntax error: stdout", out, "")
eq("syntax error: stderr", err, "luasync: " .. s .. ":2: unexpected symbol near '='\n")
out, err, code = run([["$L" -e 'x = = 1']])
eq("syntax error in -e: status", code, 1)
eq("syntax error in -e: stderr", err, "luasync: (command line):1: unexpected symbol near '='\n")
out, err, code = run([["$L" -]], "\n\nfor")
eq("syntax error on stdin: status", code, 1)
eq("syntax error on stdin: stderr", err, "luasync: stdin:3: <name> expected near <eof>\n")
out, err, code = run([["$L"]], "print('x'")
eq("syntax error on piped stdin: status", code, 1)
eq("syntax error on piped stdin: stderr", err, "luasync: stdin:1: ')' expected near <eof>\n")

-- SystemExit raised by a task other than the main one ends the program as
-- CPython's asyncio.run lets it: the main task is cancelled (its cleanup
-- runs; an error it raises there is reported), and the status is the
-- exception's; no never-retrieved report.
out, err, code = run([["$L" --clock=virtual ]] .. quote(tmpfile([[
asyncio.create_task(async(function() await(asyncio.sleep(0.1)) error(asyncio.SystemExit(3)) end)())
local ok = pcall(await, asyncio.sleep(1))
print("main cleanup", ok)
]])))
eq("SystemExit in another task: status", code, 3)
eq("SystemExit in another task: stdout", out, "main cleanup\tfalse\n")
eq("SystemExit in another task: stderr", err, "")
-- a KeyboardInterrupt another task raises likewise, status 130; CPython
-- prints its traceback (the name alone is a Ctrl-C's)
out, err, code = run([["$L" --clock=virtual ]] .. quote(tmpfile([[
asyncio.create_task(async(function() await(asyncio.sleep(0.1)) error(asyncio.KeyboardInterrupt("raised")) end)())
local ok = pcall(await, asyncio.sleep(1))
print("main cleanup", ok)
]])))
eq("KeyboardInterrupt in another task: status", code, 130)
eq("KeyboardInterrupt in another task: stdout", out, "main cleanup\tfalse\n")
matches("KeyboardInterrupt in another task: stderr", err,
  "^luasync: KeyboardInterrupt: raised\nstack traceback:\n  task 'Task%-2':\n\t[^\n]*:1: in function <[^\n]*:1>\n$")
-- and one the main task raises itself (a Ctrl-C's is its name alone:
-- cli_signals)
out, err, code = run([["$L" --clock=virtual ]] .. quote(tmpfile([[
await(asyncio.sleep(0))
error(asyncio.KeyboardInterrupt("from main"))
]])))
eq("KeyboardInterrupt raised by main: status", code, 130)
matches("KeyboardInterrupt raised by main: stderr", err,
  "^luasync: KeyboardInterrupt: from main\nstack traceback:\n  task 'Task%-1':\n\t[^\n]*:2: in main chunk\n$")
local cleanup_fails = tmpfile([[
asyncio.create_task(async(function() await(asyncio.sleep(0.1)) error(asyncio.SystemExit(4)) end)())
pcall(await, asyncio.sleep(1))
error("in cleanup")
]])
out, err, code = run([["$L" --clock=virtual ]] .. quote(cleanup_fails))
eq("SystemExit in another task, the main task's cleanup fails: status", code, 4)
has("SystemExit in another task, the main task's cleanup fails: reported", err, "luasync: " .. cleanup_fails ..
  ":3: in cleanup\n")

-- SystemExit or KeyboardInterrupt raised in a callback (call_soon, a timer,
-- a done callback, a signal handler) ends the program the same way, as
-- CPython's Handle._run lets those two out of the loop: not reported as
-- "Exception in callback", the main task cancelled (its cleanup runs), the
-- status the exception's; KeyboardInterrupt's is 130, and it is printed
-- with where the callback raised it, as CPython prints its traceback
-- (unlike a Ctrl-C's, which is the name alone). The callbacks queued
-- with it still run first (CPython runs them as asyncio.run shuts down).
-- Any other error of a callback, a CancelledError too, is reported and the
-- loop goes on.
local callback_exits = {
  { "SystemExit in call_soon", "loop:call_soon(function() error(asyncio.SystemExit(3)) end)", 3, "" },
  { "SystemExit in call_later", "loop:call_later(0.1, function() error(asyncio.SystemExit(4)) end)", 4, "" },
  { "SystemExit in a done callback", "local f = loop:create_future()\n" ..
    "f:add_done_callback(function() error(asyncio.SystemExit(2)) end)\nf:set_result(1)", 2, "" },
  { "KeyboardInterrupt in call_soon", "loop:call_soon(function() error(asyncio.KeyboardInterrupt()) end)", 130,
    "^luasync: KeyboardInterrupt\nstack traceback:\n\t[^\n]*:3: in function <[^\n]*:3>\n$", pattern = true },
  { "KeyboardInterrupt in a done callback", "local f = loop:create_future()\n" ..
    "f:add_done_callback(function() error(asyncio.KeyboardInterrupt('in a done callback')) end)\nf:set_result(1)",
    130, "^luasync: KeyboardInterrupt: in a done callback\nstack traceback:\n\t[^\n]*:4: in function <[^\n]*:4>\n$",
    pattern = true },
  { "SystemExit in a signal handler",
    "loop:add_signal_handler('SIGTERM', function() error(asyncio.SystemExit(0)) end)\n" ..
    "local f = assert(io.open('/proc/self/stat'))\nlocal pid = f:read('n')\nf:close()\n" ..
    "os.execute('kill -TERM ' .. pid)", 0, "" },
}
for _, c in ipairs(callback_exits) do
  out, err, code = run([["$L" --clock=virtual ]] .. quote(tmpfile("local loop = asyncio.get_running_loop()\n" ..
    "loop:call_soon(print, 'queued before')\n" .. c[2] .. "\nloop:call_soon(print, 'queued after')\n" ..
    "local ok, e = pcall(await, asyncio.sleep(1))\nprint('main cleanup', ok, e)\nerror(e, 0)\n")))
  eq(c[1] .. ": status", code, c[3])
  eq(c[1] .. ": stdout", out, "queued before\nqueued after\nmain cleanup\tfalse\tCancelledError\n")
  if c.pattern then
    matches(c[1] .. ": stderr", err, c[4])
  else
    eq(c[1] .. ": stderr", err, c[4])
  end
end
out, err, code = run([["$L" --clock=virtual ]] .. quote(tmpfile([[
asyncio.get_running_loop():call_soon(function() error(asyncio.CancelledError("in a callback")) end)
await(asyncio.sleep(0.1))
print("goes on")
]])))
eq("CancelledError in a callback: status", code, 0)
eq("CancelledError in a callback: stdout", out, "goes on\n")
has("CancelledError in a callback: reported", err, "Exception in callback")

-- a missing script
out, err, code = run([["$L" /nonexistent/dir/missing.lua a b]])
eq("missing script: status", code, 1)
eq("missing script: stdout", out, "")
matches("missing script: stderr", err, "^luasync: cannot open /nonexistent/dir/missing%.lua[^\n]*\n$")

-- 0 with a report: a task that raises while it is cancelled at shutdown --
-- at the end of asyncio.run(), and at the end of the script -- is reported
-- on stderr, as CPython's asyncio.run does, and the status stays 0.
s = script([[
local function child()
  local ok = pcall(await, asyncio.sleep(10))
  if not ok then error(asyncio.ValueError("boom in cleanup")) end
end
asyncio.run(async(function()
  asyncio.create_task(async(child)(), { name = "child" })
  await(asyncio.sleep(0))
  print("main done")
end)())
print("after run")
asyncio.create_task(async(child)(), { name = "left" })
await(asyncio.sleep(0))
print("script end")
]])
out, err, code = run('"$L" ' .. s)
eq("shutdown errors: status", code, 0)
eq("shutdown errors: stdout", out, "main done\nafter run\nscript end\n")
local function shutdown_report(name)
  return "unhandled exception during asyncio%.run%(%) shutdown\ntask: <Task finished name='" .. name ..
    "' coro=<child%(%) done, defined at " .. esc(s) ..
    ":1> exception=ValueError%('boom in cleanup'%)>\nValueError: boom in cleanup\nstack traceback:\n  task '" ..
    name .. "':\n\t" .. esc(s) .. ":3: in [^\n]*\n"
end
matches("shutdown errors: stderr", err, "^" .. shutdown_report("child") .. shutdown_report("left") .. "$")

-- Python's exit(n) and sys.exit(n) in a script (exit() is the REPL's): the
-- error, and a hint naming os.exit, with the status when the line shows it,
-- as quit() gets.
for _, c in ipairs {
  { "exit(3)", "global 'exit'", "hint: Lua has no exit(): os.exit(3) ends a script; at the prompt, exit() or Ctrl-D\n" },
  { "sys.exit(2)", "global 'sys'", "hint: Lua has no sys.exit(): os.exit(2) ends a script; at the prompt, exit() or " ..
    "Ctrl-D\n" },
  { "quit()", "global 'quit'", "hint: Lua has no quit(): os.exit(status) ends a script; at the prompt, exit() or " ..
    "Ctrl-D\n" },
} do
  s = script('print("before")\n' .. c[1] .. "\n")
  out, err, code = run('"$L" ' .. s)
  eq(c[1] .. " in a script: status", code, 1)
  eq(c[1] .. " in a script: stdout", out, "before\n")
  has(c[1] .. " in a script: the error", err, s .. ":2: attempt to")
  has(c[1] .. " in a script: the error's name", err, c[2])
  has(c[1] .. " in a script: the hint", err, c[3])
end
out, err, code = run([["$L" -e 'exit(3)']])
eq("-e 'exit(3)': status", code, 1)
has("-e 'exit(3)': the hint", err, "hint: Lua has no exit(): os.exit(")

finish()
