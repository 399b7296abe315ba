-- Task:get_stack and Task:print_stack, as CPython's base_tasks finds and
-- prints the frames (_task_get_stack, _task_print_stack), innermost first
-- as Lua's tracebacks are: a running or suspended task's stack, where
-- `limit` keeps the newest frames; a task not started yet, the line its
-- function starts on (CPython: its def line); a failed task, the frames of
-- its error's traceback, where `limit` keeps the oldest, printed as
-- "Traceback for <Task ...>" and the error; any other done task, none ("No
-- stack for <Task ...>"). The limit is a number, or Python's keyword in an
-- options table ({limit = 1}), and print_stack writes to stderr or to
-- {file = f}. CPython 3.13's transcript of the same shapes (t.py):
--   Stack for <Task pending name='Task-3' coro=<outer() running at t.py:12>
--   wait_for=<Future pending cb=[Task.task_wakeup()]>> (most recent call last):
--     File "t.py", line 12, in outer
--   Traceback for <Task finished name='Task-2' coro=<fails() done, defined at
--   t.py:4> exception=ValueError('boom')> (most recent call last):
--     File "t.py", line 5, in fails
--     File "t.py", line 3, in inner
--   ValueError: boom
--   No stack for <Task finished name='Task-3' coro=<outer() done, defined at
--   t.py:12> result=None>
local here = debug.getinfo(1, "S").short_src
local failures = 0
local function check(what, got, want)
  if got ~= want then
    failures = failures + 1
    io.stderr:write(("FAIL %s:\n  got  %s\n  want %s\n"):format(what, tostring(got), tostring(want)))
  end
end
local function list(t) return table.concat(t, " | ") end
-- "src:line" of the line marked "-- @name" in this file.
local marks = {}
do
  local n = 0
  for l in io.lines(debug.getinfo(1, "S").source:sub(2)) do
    n = n + 1
    local name = l:match("%-%- @([%w_]+)$")
    if name then marks[name] = n end
  end
end
local function at(name) return here .. ":" .. assert(marks[name], name) end
-- A file for print_stack({file = ...}) that keeps what it is given.
local function sink()
  local s = { text = "" }
  function s:write(...) self.text = self.text .. table.concat({ ... }) end
  return s
end

-- A task that looks at its own stack while it runs: bar, awaited inline
-- by foo, is the newest frame.
local T
local bar
local foo = async(function()
  await(bar())  -- @foo_await
end)
bar = async(function()
  check("running: all", list(T:get_stack()), at("bar_all") .. " | " .. at("foo_await"))  -- @bar_all
  check("running: limit 1, the newest", list(T:get_stack(1)), at("bar_1"))  -- @bar_1
  check("running: {limit = 1}", list(T:get_stack({ limit = 1 })), at("bar_opt"))  -- @bar_opt
  local f = sink()
  T:print_stack({ limit = 1, file = f })  -- @bar_print
  check("running: print_stack", f.text, "Stack for " .. tostring(T) .. " (most recent call first):\n" ..
    "\t" .. at("bar_print") .. ": in function 'bar'\n")
  check("running: repr, at foo's line", tostring(T):match("coro=<(.-)>"), "foo() running at " .. at("foo_await"))
end)
T = asyncio.create_task(foo())
await(T)

-- A suspended task whose function awaits another inline: both frames, the
-- awaited one first; its repr says where the function it names is (outer's
-- line, as CPython's "running at" does).
local sleeper = async(function()
  await(asyncio.sleep(1))  -- @sleeper_await
end)
local outer = async(function()
  await(sleeper())  -- @outer_await
end)
local t = asyncio.create_task(outer())
await(asyncio.sleep(0))
check("suspended: all", list(t:get_stack()), at("sleeper_await") .. " | " .. at("outer_await"))
check("suspended: limit 1, the newest", list(t:get_stack(1)), at("sleeper_await"))
check("suspended: limit 0", #t:get_stack(0), 0)
check("suspended: repr", tostring(t):match("coro=<(.-)>"), "outer() running at " .. at("outer_await"))
local f = sink()
t:print_stack({ file = f })
check("suspended: print_stack", f.text, "Stack for " .. tostring(t) .. " (most recent call first):\n" ..
  "\t" .. at("sleeper_await") .. ": in function 'sleeper'\n\t" .. at("outer_await") .. ": in function 'outer'\n")
f = sink()
t:print_stack({ limit = 0, file = f })
check("suspended: print_stack, limit 0", f.text, "No stack for " .. tostring(t) .. "\n")
await(t)
check("finished: no stack", #t:get_stack(), 0)
f = sink()
t:print_stack({ file = f })
check("finished: print_stack", f.text, "No stack for " .. tostring(t) .. "\n")

-- Not started: the line its function starts on. Failed: the traceback.
local inner = async(function()
  error(asyncio.ValueError("boom"))  -- @inner_error
end)
local fails = async(function()  -- @fails_def
  await(inner())  -- @fails_await
end)
t = asyncio.create_task(fails())
check("not started", list(t:get_stack()), at("fails_def"))
f = sink()
t:print_stack({ file = f })
check("not started: print_stack", f.text, "Stack for " .. tostring(t) .. " (most recent call first):\n" ..
  "\t" .. at("fails_def") .. ": in function 'fails'\n")
await(asyncio.sleep(0))
check("failed: the traceback's frames", list(t:get_stack()), at("inner_error") .. " | " .. at("fails_await"))
check("failed: limit 1, the oldest", list(t:get_stack(1)), at("fails_await"))
f = sink()
t:print_stack({ file = f })
check("failed: print_stack", f.text, "Traceback for " .. tostring(t) .. " (most recent call first):\n" ..
  "\t" .. at("inner_error") .. ": in function 'inner'\n\t" .. at("fails_await") .. ": in function 'fails'\nValueError: boom\n")
check("failed: the error is still to retrieve", tostring(t:exception()), "ValueError: boom")

-- A plain Lua error: its traceback too, and its message.
t = asyncio.spawn(function()  -- @plain_def
  error("plain")  -- @plain_error
end)
await(asyncio.sleep(0))
check("plain error: frames", list(t:get_stack()), at("plain_error"))
f = sink()
t:print_stack({ file = f })
check("plain error: print_stack", f.text, "Traceback for " .. tostring(t) .. " (most recent call first):\n" ..
  "\t" .. at("plain_error") .. ": in function <" .. at("plain_def") .. ">\n" .. at("plain_error") .. ": plain\n")
pcall(t.result, t)

-- Cancelled: no stack, as CPython's (the task has no exception).
t = asyncio.spawn(function() await(asyncio.sleep(1)) end)
await(asyncio.sleep(0))
t:cancel()
await(asyncio.sleep(0))
check("cancelled: no stack", #t:get_stack(), 0)

-- A library coroutine's task, not started: nothing of the user's.
t = asyncio.create_task(asyncio.sleep(1))
check("a library coroutine: no stack", #t:get_stack(), 0)
t:cancel()

-- Bad arguments, as luasync's other options are refused.
local function err_of(fn, ...)
  local ok, e = pcall(fn, ...)
  return not ok and tostring(e):gsub("^[^:]*:%d+: ", "") or "no error"
end
check("a string", err_of(t.get_stack, t, "x"), "bad argument #1 to 'get_stack' (integer or table expected, got string)")
check("a float", err_of(t.get_stack, t, 1.5), "bad argument #1 to 'get_stack' (integer or table expected, got number)")
check("a limit not an integer", err_of(t.print_stack, t, { limit = "1" }),
  "bad argument #1 to 'print_stack' (field 'limit' must be an integer)")
check("an unknown option", err_of(t.get_stack, t, { file = io.stdout }),
  "bad argument #1 to 'get_stack' (unknown option 'file'; the options are: limit)")

-- print_stack writes on stderr by default, as CPython's.
if os.getenv("LUASYNC") then
  local cli = require "lib.cli"
  local script = cli.tmpfile("local t = asyncio.spawn(function()\n  await(asyncio.sleep(1))\nend)\n" ..
    "await(asyncio.sleep(0))\nt:print_stack(1)\nt:cancel()\n")
  local out, err = cli.run('"$L" ' .. cli.quote(script))
  cli.cleanup()
  check("stderr: nothing on stdout", out, "")
  check("stderr: the stack", err:gsub("name='Task%-2' coro=<.->", "..."),
    "Stack for <Task pending ... wait_for=<Future pending cb=[Task.task_wakeup()]>> (most recent call first):\n" ..
    "\t" .. script .. ":2: in function <" .. script .. ":1>\n")
end

if failures > 0 then error(failures .. " check(s) failed", 0) end
print("ok")
