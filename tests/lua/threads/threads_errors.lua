-- A job's error reaches the awaiting task: a string with its position, an
-- asyncio error as an instance of its class (a user's subclass too), any
-- other copyable value as it was; the report shows the worker's frames,
-- under the thread's name, above the task that awaited it.
local cli = require "lib.cli"
local eq, check, has = cli.eq, cli.check, cli.has

local ok, e = pcall(await, asyncio.to_thread(function() error("boom") end))
eq("a string error keeps its position", e, "threads_errors.lua:8: boom")
ok, e = pcall(await, asyncio.to_thread(function() error("no position", 0) end))
eq("level 0", e, "no position")
ok, e = pcall(await, asyncio.to_thread(function() error(asyncio.ValueError("bad value")) end))
check("an asyncio error keeps its class", asyncio.ValueError:is(e) and asyncio.Exception:is(e), e)
eq("its text", tostring(e), "ValueError: bad value")
ok, e = pcall(await, asyncio.to_thread(function() error(asyncio.FileNotFoundError(2, "No such file", "x.txt")) end))
check("an OSError subclass", asyncio.FileNotFoundError:is(e) and asyncio.OSError:is(e), e)
eq("its fields", tostring(e.errno) .. " " .. tostring(e.filename), "2 x.txt")
ok, e = pcall(await, asyncio.to_thread(function()
  local MyError = asyncio.Exception:subclass("MyError")
  error(MyError("mine"))
end))
check("a user's subclass comes back under its name", asyncio.Exception:is(e) and tostring(e) == "MyError: mine", e)
ok, e = pcall(await, asyncio.to_thread(function() error({ code = 42 }) end))
check("a table error", type(e) == "table" and e.code == 42, e)
ok, e = pcall(await, asyncio.to_thread(function() error(io.stdout) end))
check("an error that cannot travel comes back as its text", type(e) == "string" and e:find("^file %("), e)
ok, e = pcall(await, asyncio.to_thread(function() local x = nil; return x.field end))
has("a runtime error", e, "attempt to index a nil value (local 'x')")

-- os.exit in a job does not end the program from the worker: SystemExit
-- comes back to the task (which leaves cleanly with it, unless caught).
ok, e = pcall(await, asyncio.to_thread(function() os.exit(3) end))
check("os.exit in a job: SystemExit", not ok and asyncio.SystemExit:is(e) and e.code == 3, e)
-- An error value whose __tostring fails.
ok, e = pcall(await, asyncio.to_thread(function() error(setmetatable({}, { __tostring = function() error("x") end })) end))
eq("an error whose __tostring fails", e, "(error object is a table value)")
-- An error value that has no text of its own: lua.c's words, not the
-- address of a table in the worker's state.
ok, e = pcall(await, asyncio.to_thread(function() error(setmetatable({}, {})) end))
eq("an error with a metatable and no text", e, "(error object is a table value)")
-- Error objects among an error's fields come back as error objects: an
-- ExceptionGroup's list, a cause; plain tables of plain values too.
ok, e = pcall(await, asyncio.to_thread(function()
  error(asyncio.ExceptionGroup("group", { asyncio.ValueError("a"), asyncio.TypeError("b") }))
end))
eq("an ExceptionGroup from a job", tostring(e), "ExceptionGroup: group (2 sub-exceptions)")
check("its sub-exceptions", asyncio.ValueError:is(e.exceptions[1]) and asyncio.TypeError:is(e.exceptions[2]) and
  tostring(e.exceptions[2]) == "TypeError: b", e.exceptions[1])
ok, e = pcall(await, asyncio.to_thread(function()
  local x = asyncio.TimeoutError("late")
  x.cause, x.extra = asyncio.CancelledError("stop"), { 1, 2, f = io.stdout }
  error(x)
end))
check("a cause", asyncio.TimeoutError:is(e) and asyncio.CancelledError:is(e.cause), e.cause)
eq("a plain table field, without what cannot travel", table.concat(e.extra, ",") .. tostring(e.extra.f), "1,2nil")
-- Tables an error reaches many times (each level twenty times over, twenty
-- deep) and cycles through the error itself: copied once each, at once,
-- and shared as they were.
ok, e = pcall(await, asyncio.to_thread(function()
  local t = {}
  for i = 1, 20 do t[i] = t end
  local x = asyncio.ValueError("shared")
  x.data, x.self = t, x
  error(x)
end))
check("a shared table comes back shared", e.data[1] == e.data and e.data[20] == e.data, e.data)
check("a cycle through the error", e.self == e, e.self)
-- Odd values where a class's names go, and results too many for a stack:
-- the job's Future fails, the loop goes on.
ok, e = pcall(await, asyncio.to_thread(function() error({ __classes = { {}, "ValueError" } }) end))
check("odd class names", not ok and asyncio.ValueError:is(e), e)
ok, e = pcall(await, asyncio.to_thread(function() local t = {} for i = 1, 400000 do t[i] = i end
  return table.unpack(t) end))
check("too many results fail the job, not the loop", not ok, e)
eq("and the loop goes on", await(asyncio.to_thread(function() return "next" end)), "next")

-- What needs the loop says why it is not there.
ok, e = pcall(await, asyncio.to_thread(function() return asyncio.sleep(1) end))
eq("asyncio.sleep in a job", e, "threads_errors.lua:78: asyncio.sleep is not available in a worker thread: " ..
  "a job runs plain Lua, where blocking (time.sleep, io.read) blocks only this thread")
ok, e = pcall(await, asyncio.to_thread(function() return await(1) end))
has("await in a job", e, "await() is not available in a worker thread")

-- The report of an uncaught one.
local script = cli.tmpfile([[
local function parse(text)
  error("cannot parse " .. text)
end
local function job(f, text)
  local v = f(text)
  return v
end
local main = async(function()
  await(asyncio.to_thread(job, parse, "x"))
end)
asyncio.run(main())
]])
local out, err, code = cli.run("$L " .. script)
eq("exit status", code, 1)
eq("stdout", out, "")
eq("report", err:gsub(cli.quote(script):sub(2, -2):gsub("%p", "%%%0"), "S"),
  "luasync: S:2: cannot parse x\n" ..
  "stack traceback:\n" ..
  "  thread 'asyncio_0':\n" ..
  "\tS:2: in local 'f'\n" ..
  "\tS:5: in function 'job'\n" ..
  "  awaited by task 'Task-1':\n" ..
  "\tS:9: in function 'main'\n" ..
  "\tS:11: in main chunk\n")

-- The job's own frame is named as the script declares the function (the
-- worker got its bytecode, not its name: it said "in function <S:4>"), as
-- a task's body is; an anonymous one keeps Lua's "function <src:line>".
local ok2, e2 = pcall(await, asyncio.to_thread(function() error(asyncio.ValueError("anonymous")) end))
local anon_line = debug.getinfo(1, "l").currentline - 1
-- (which of the default pool's threads took it does not matter here)
eq("an anonymous job's frame", e2.traceback:gsub("^  thread 'asyncio_%d+':\n", "\n"), ("\n\tthreads_errors.lua:%d: in " ..
  "function <threads_errors.lua:%d>"):format(anon_line, anon_line))
local checker = function(n)
  if n > 0 then error(asyncio.ValueError("named")) end
end
local pool <close> = asyncio.ThreadPoolExecutor(1)
ok2, e2 = pcall(await, pool:submit(checker, 1))
eq("a job declared `local name = function`", e2.traceback, ("  thread 'ThreadPoolExecutor-0_0':\n" ..
  "\tthreads_errors.lua:%d: in function 'checker'"):format(debug.getinfo(checker, "S").linedefined + 1))
local function rec(n)
  if n == 0 then error(asyncio.ValueError("at the bottom")) end
  return 1 + rec(n - 1)
end
ok2, e2 = pcall(await, pool:submit(rec, 1))
eq("a job that calls itself: its inner frame named by Lua, its own by its name", e2.traceback,
  ("  thread 'ThreadPoolExecutor-0_0':\n\tthreads_errors.lua:%d: in upvalue 'rec'\n" ..
  "\tthreads_errors.lua:%d: in function 'rec'"):format(debug.getinfo(rec, "S").linedefined + 1,
  debug.getinfo(rec, "S").linedefined + 2))

-- A job that calls one of the script's globals: not there, in the worker's
-- own state; the hint says so.
script = cli.tmpfile("function helper(x) return x * 2 end\nawait(asyncio.to_thread(function(x) return helper(x) end, 2))\n")
out, err, code = cli.run("$L " .. script)
eq("a script's global in a job: status", code, 1)
has("a script's global in a job: the error", err, "attempt to call a nil value (global 'helper')")
has("a script's global in a job: the hint", err, "\nhint: a job runs in a Lua state of its worker thread's own, " ..
  "without the script's globals: pass helper to the job as an argument, or define it inside the job\n")

-- An executor's threads are named as CPython names them.
script = cli.tmpfile([[
local pool <close> = asyncio.ThreadPoolExecutor(1)
local loop = asyncio.get_running_loop()
await(loop:run_in_executor(pool, function() error("in pool") end))
]])
out, err, code = cli.run("$L " .. script)
has("thread name of a ThreadPoolExecutor", err, "  thread 'ThreadPoolExecutor-0_0':\n")
cli.finish()
