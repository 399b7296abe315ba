-- cancel(msg) with a message that has a __tostring of its own: the text is
-- made at the cancel() call, once. A __tostring that raises makes cancel()
-- raise that error, where the caller can catch it, before anything changed
-- (the task goes on as if never cancelled). Before, the loop called it when
-- it woke the task, and the program died of it ("luasync: internal error"),
-- uncatchable. The same for a Future's cancel and a gather's.
local cli = require "lib.cli"
local eq, has, check = cli.eq, cli.has, cli.check

local function raising() error("cm", 0) end
local bad = setmetatable({}, { __tostring = raising })

-- A task waiting on a sleep.
local t = asyncio.spawn(function() await(asyncio.sleep(1)); return "slept" end)
await(asyncio.sleep(0))
local ok, e = pcall(t.cancel, t, bad)
eq("waiting task: cancel raises", ok, false)
eq("waiting task: the __tostring's error", e, "cm")
eq("waiting task: not cancelling", t:cancelling(), 0)
eq("waiting task: runs on", await(t), "slept")

-- A task not started yet.
t = asyncio.spawn(function() return "ran" end)
ok, e = pcall(t.cancel, t, bad)
eq("task not started: cancel raises", ok == false and e, "cm")
eq("task not started: runs", await(t), "ran")

-- A task waiting on a Future: the Future is not cancelled either.
local f = asyncio.Future()
t = asyncio.spawn(function() return await(f) end)
await(asyncio.sleep(0))
ok, e = pcall(t.cancel, t, bad)
eq("task on a Future: cancel raises", ok == false and e, "cm")
eq("task on a Future: the Future pending", f:done(), false)
f:set_result("set")
eq("task on a Future: runs on", await(t), "set")

-- A Future's cancel and a gather's.
f = asyncio.Future()
ok, e = pcall(f.cancel, f, bad)
eq("Future: cancel raises", ok == false and e, "cm")
eq("Future: still pending", f:done(), false)
local g = asyncio.gather(asyncio.sleep(0.1, "g"))
ok, e = pcall(g.cancel, g, bad)
eq("gather: cancel raises", ok == false and e, "cm")
eq("gather: runs on", await(g)[1], "g")

-- A __tostring that works is called once, at the call: the message is its
-- text.
local calls = 0
local named = setmetatable({}, { __tostring = function() calls = calls + 1; return "by name" end })
t = asyncio.spawn(function() await(asyncio.sleep(1)) end)
await(asyncio.sleep(0))
eq("a working __tostring: cancel", t:cancel(named), true)
ok, e = pcall(await, t)
eq("the CancelledError's message", asyncio.CancelledError:is(e) and e.message, "by name")
eq("its text", tostring(e), "CancelledError: by name")
eq("called once", calls, 1)

-- An error object's __tostring is the runtime's, which never raises: the
-- object is kept as the message's value, as the repr shows it (CPython's
-- CancelledError(ValueError('x'))).
t = asyncio.spawn(function() await(asyncio.sleep(1)) end)
await(asyncio.sleep(0))
t:cancel(asyncio.ValueError("x"))
ok, e = pcall(await, t)
eq("an error object: the message", e.message, "ValueError: x")
local shown = asyncio.Future()
shown:set_result(e)
eq("an error object: the repr", tostring(shown), "<Future finished result=CancelledError(ValueError('x'))>")

-- The explorer's script: uncaught, the error is the script's own (status
-- 1, its traceback), not the runtime's death.
local script = cli.tmpfile([[
local t = asyncio.spawn(function() await(asyncio.sleep(1)) end)
t:cancel(setmetatable({}, {__tostring=function() error("cm") end}))
await(asyncio.sleep(0.01))
]])
local out, err, code = cli.run("$L " .. cli.quote(script))
eq("uncaught: status", code, 1)
check("uncaught: no internal error", not err:find("internal error", 1, true), err)
has("uncaught: the error", err, ":2: cm\nstack traceback:\n  task 'Task-1':\n")
has("uncaught: where cancel was called", err, ":2: in main chunk")

cli.finish()
