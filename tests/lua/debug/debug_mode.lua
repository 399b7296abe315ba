-- Debug mode: a step or callback that runs longer than
-- loop.slow_callback_duration is reported as CPython reports it
-- ("Executing <Task ...> took 3.000 seconds"), and when a blocking call
-- luasync knows made it slow, a second line names it and says what to use
-- instead. Tasks and callbacks show where they were created. On with
-- asyncio.run(aw, {debug = true}) (for that call), --debug, LUASYNC_DEBUG=1
-- (not with -E) or loop:set_debug(true); off, nothing is reported.
local cli = require "lib.cli"
local eq, has, check = cli.eq, cli.has, cli.check

local function run(args, text, env)
  local path = cli.tmpfile(text)
  local out, err, code = cli.run((env or "") .. " $L --clock=virtual " .. args .. " " .. path)
  local pattern = path:gsub("%p", "%%%0")
  return (out:gsub(pattern, "x.lua")), (err:gsub(pattern, "x.lua")), code
end

local script = [[
local blocker = async(function()
  time.sleep(3)
  await(asyncio.sleep(1))
end)
local main = async(function()
  local t = asyncio.create_task(blocker())
  await(t)
  local loop = asyncio.get_running_loop()
  loop:call_soon(time.sleep, 0.2)
  await(asyncio.sleep(0.5))
end)
asyncio.run(main(), { debug = true })
print(asyncio.get_running_loop():get_debug())
]]
local out, err, code = run("", script)
eq("status", code, 0)
eq("debug mode ends with the run", out, "false\n")
eq("the report", err,
  "Executing <Task pending name='Task-2' coro=<blocker() running at x.lua:3> " ..
  "wait_for=<Future pending cb=[Task.task_wakeup()]> cb=[Task.task_wakeup()] created at x.lua:6> took 3.000 seconds\n" ..
  "time.sleep(3) blocked the event loop for 3.0 s in task 'Task-2' at x.lua:2; use await(asyncio.sleep(3)) or " ..
  "asyncio.to_thread\n" ..
  "Executing <Handle time.sleep(0.2) created at x.lua:9> took 0.200 seconds\n" ..
  "time.sleep(0.2) blocked the event loop for 0.20 s; a callback cannot await: do this in a task " ..
  "(asyncio.create_task) and there use await(asyncio.sleep(0.2)) or asyncio.to_thread\n")

-- The first step of run's own coroutine is timed too (CPython runs it as the
-- first step of a Task), and the report names that coroutine.
out, err, code = run("", [[
local main = async(function()
  time.sleep(0.5)
  await(asyncio.sleep(0.1))
  time.sleep(0.3)
  await(asyncio.sleep(0.1))
end)
asyncio.run(main(), { debug = true })
]])
eq("main's steps: status", code, 0)
eq("main's steps: both reported", (err:gsub("\ntime%.sleep[^\n]*", "")),
  "Executing <Task pending name='Task-1' coro=<main() running at x.lua:3> " ..
  "wait_for=<Future pending cb=[Task.task_wakeup()]>> took 0.500 seconds\n" ..
  "Executing <Task pending name='Task-1' coro=<main() running at x.lua:5> " ..
  "wait_for=<Future pending cb=[Task.task_wakeup()]>> took 0.300 seconds\n")

-- Off: nothing.
out, err = run("", (script:gsub("asyncio.run%(main%(%), { debug = true }%)", "asyncio.run(main())")))
eq("off: silent", err, "")

-- --debug, LUASYNC_DEBUG=1, and -E
local tiny = "local function tick(n) time.sleep(0.15) end\n" ..
  "asyncio.get_running_loop():call_later(0.1, tick, 7)\nawait(asyncio.sleep(0.5))\n"
out, err = run("--debug", tiny)
eq("--debug: a timer callback", (err:gsub("when=[%d.]+", "when=T")),
  "Executing <TimerHandle when=T tick(7) at x.lua:1 created at x.lua:2> took 0.150 seconds\n" ..
  "time.sleep(0.15) blocked the event loop for 0.15 s at x.lua:1; a callback cannot await: do this in a task " ..
  "(asyncio.create_task) and there use await(asyncio.sleep(0.15)) or " ..
  "asyncio.to_thread\n")
out, err = run("", tiny, "LUASYNC_DEBUG=1")
has("LUASYNC_DEBUG=1", err, " tick(7) at x.lua:1 created at x.lua:2> took")
out, err = run("-E", tiny, "LUASYNC_DEBUG=1")
eq("-E ignores LUASYNC_DEBUG", err, "")
out, err = run("", tiny, "LUASYNC_DEBUG=0")
eq("LUASYNC_DEBUG=0 is off", err, "")
-- A future's done callback, by its own name (the runtime runs it); the
-- future, made in debug mode, says where (CPython's "created at").
out, err = run("--debug", "local function busy(f) time.sleep(0.15) end\nlocal f = asyncio.Future()\n" ..
  "f:add_done_callback(busy)\nf:set_result(1)\nawait(asyncio.sleep(0.3))\n")
eq("--debug: a done callback", err, "Executing <Handle busy(<Future finished result=1 created at x.lua:2>) at x.lua:1 " ..
  "created at x.lua:4> took 0.150 seconds\n" ..
  "time.sleep(0.15) blocked the event loop for 0.15 s at x.lua:1; a callback cannot await: do this in a task " ..
  "(asyncio.create_task) and there use await(asyncio.sleep(0.15)) or " ..
  "asyncio.to_thread\n")

-- The threshold, and the task repr.
out, err = run("--debug", [[
local loop = asyncio.get_running_loop()
print(loop:get_debug(), loop.slow_callback_duration)
loop.slow_callback_duration = 0.5
local t = asyncio.spawn(function() time.sleep(0.3) end)
await(t)
print(tostring(t):match("created at .*$"))
local ok, e = pcall(function() loop.slow_callback_duration = -1 end)
print(tostring(e):match("ValueError.*"))
loop:set_debug(false)
print(asyncio.spawn(function() end):get_name(), tostring(asyncio.spawn(function() end)):find("created at") == nil)
]])
eq("threshold and repr", out, "true\t0.1\ncreated at x.lua:4>\n" ..
  "ValueError: slow_callback_duration must be a non-negative number of seconds\nTask-3\ttrue\n")
eq("under the threshold: silent", err, "")
-- A coroutine object never awaited: in debug mode, where it was made; the
-- never-retrieved error of a task names where the task was made.
out, err = run("--debug", [[
local f = async(function() end)
local g = async(function() error(asyncio.ValueError("lost")) end)
local function helper()
  local c = f()
end
local main = async(function()
  helper()
  local t = asyncio.create_task(g())
  await(asyncio.sleep(0.1))
  t = nil
  collectgarbage()
  collectgarbage()
end)
await(main())
]])
eq("never awaited, with its origin", err:match("^(.-)\nTask exception"),
  "x.lua:4: RuntimeWarning: coroutine 'f' was never awaited\n" ..
  "Coroutine created at (most recent call first)\n" ..
  "\tx.lua:4: in upvalue 'helper'\n\tx.lua:7: in function 'main'\n\tx.lua:14: in main chunk")
has("a lost error names where its task was made", err,
  "future: <Task finished name='Task-2' coro=<g() done, defined at x.lua:2> exception=ValueError('lost') " ..
  "created at x.lua:8>")

-- A library operation too (asyncio.sleep's coroutine object).
out, err = run("--debug", "local function helper()\n  local c = asyncio.sleep(1)\nend\nhelper()\ncollectgarbage()\n")
eq("an op never awaited, with its origin", err, "x.lua:2: RuntimeWarning: coroutine 'sleep' was never awaited\n" ..
  "Coroutine created at (most recent call first)\n\tx.lua:2: in local 'helper'\n\tx.lua:4: in main chunk\n")
out, err = run("", "local function helper()\n  local c = asyncio.sleep(1)\nend\nhelper()\ncollectgarbage()\n")
eq("without debug mode: its line", err, "x.lua:2: RuntimeWarning: coroutine 'sleep' was never awaited\n")
cli.finish()
