-- However the program ends, --trace=FILE is written and --timeline drawn:
-- os.exit(n) (with the step that exits, "os.exit(n)" as how the task
-- ended), an uncaught error, a Ctrl-C. The runtime's own turn at the end of
-- asyncio.run is no wait of the user's: no "wait sleep(0)" on the main task.
local cli = require "lib.cli"
local trace_of = require("lib.trace").trace_of
local eq, has, check = cli.eq, cli.has, cli.check

-- os.exit(3) after 0.2 s, a task done at 0.1 s.
local exits = [[
asyncio.spawn(function() await(asyncio.sleep(0.1)) end)
await(asyncio.sleep(0.2))
time.sleep(0.1)
os.exit(3)
]]
local tr = trace_of("os.exit", exits, nil, 3)
eq("os.exit: the main task's steps", tr["Task-1"] and tr["Task-1"].spans, "step 0 0, step 0.2 0.1, wait sleep 0 0.2")
eq("os.exit: how it ended", tr["Task-1"] and tr["Task-1"].marks, "os.exit(3) 0.3")
eq("os.exit: the other task", tr["Task-2"] and tr["Task-2"].spans, "step 0 0, step 0.1 0, wait sleep 0 0.1")
local script = cli.tmpfile(exits)
local out, err, status = cli.run("COLUMNS=50 $L --clock=virtual --timeline " .. script)
eq("os.exit: the status", status, 3)
eq("os.exit: the timeline", err, [[
Task-1 █──────────────────███████████  os.exit(3)
Task-2 █─────────█                     done
       0s        0.1s     0.2s   0.3s
█ running  ─ waiting   (0.3s in all; 2 tasks)
]])
-- os.exit(true, true): the <close> variables run after the trace is written.
out, err, status = cli.run("COLUMNS=50 $L --clock=virtual --timeline -e " .. cli.quote(
  'local x <close> = setmetatable({}, { __close = function() print("closed") end }) ' ..
  'await(asyncio.sleep(0.1)) os.exit(true, true)'))
eq("os.exit(true, true): the status", status, 0)
eq("os.exit(true, true): closed", out, "closed\n")
has("os.exit(true, true): the timeline", err, "█  os.exit(0)\n")
-- From a callback: no task's step, the timeline all the same.
out, err, status = cli.run("COLUMNS=50 $L --clock=virtual --timeline -e " .. cli.quote(
  "asyncio.get_running_loop():call_later(0.1, os.exit, 4) await(asyncio.sleep(1))"))
eq("os.exit in a callback: the status", status, 4)
has("os.exit in a callback: the timeline", err, "(0.1s in all; 1 task)")

-- An uncaught error.
tr = trace_of("an error", [[
asyncio.spawn(function() await(asyncio.sleep(0.1)) end)
await(asyncio.sleep(0.2))
error("boom", 0)
]], nil, 1)
eq("an error: how it ended", tr["Task-1"] and tr["Task-1"].marks, "failed: boom 0.2")

-- Ctrl-C (the real clock): the main task's last step is the cancellation.
do
  local json = os.tmpname() .. ".json"
  local slow = cli.tmpfile("asyncio.spawn(function() await(asyncio.sleep(10)) end)\nawait(asyncio.sleep(10))\n")
  local _, err2, status2 = cli.run("$L --clock=real --trace=" .. json .. " --timeline " .. slow ..
    " & pid=$!; sleep 0.5; kill -INT $pid; wait $pid")
  eq("Ctrl-C: the status", status2, 130)
  -- (its row ends with the cancelling step; where its first step falls,
  -- the first column or the second, depends on how long the start took:
  -- under ASan in a loaded CI run, the second)
  cli.matches("Ctrl-C: the timeline", err2, "KeyboardInterrupt\nTask%-1 [^\n]*█  cancelled\n")
  local f = io.open(json)
  check("Ctrl-C: the trace is written", f ~= nil)
  if f then
    local text = f:read("a")
    f:close()
    local _, steps = text:gsub('"name":"step","cat":"step","ph":"X","pid":1,"tid":1,', "")
    eq("Ctrl-C: the main task's steps (its first, its cancellation)", steps, 2)
    has("Ctrl-C: the main task ended cancelled", text, '"name":"cancelled","cat":"end"')
  end
  os.remove(json)
end

-- asyncio.run's stop (the loop's next iteration runs before what is left
-- is cancelled) and its last turns of the loop (CPython's shutdown of async
-- generators and of the executor: four iterations) are the runtime's: the
-- main task's waits and steps are the user's only, two as CPython's main
-- Task makes (the steps after the stop and after each last turn, which
-- cancel what is left and shut down, are the runtime's: they were drawn).
tr = trace_of("asyncio.run", [[
local main = async(function() await(asyncio.sleep(1)) end)
asyncio.run(main())
]])
eq("asyncio.run: the main task", tr["Task-1"] and tr["Task-1"].spans, "step 0 0, step 1 0, wait sleep 0 1")
-- A second asyncio.run in the script: its main's steps are drawn, its
-- first too (it runs in the step after the first run's last turn: here it
-- blocks the loop for 0.5 s).
tr = trace_of("two asyncio.run", [[
local a = async(function() await(asyncio.sleep(1)) end)
local b = async(function() time.sleep(0.5) await(asyncio.sleep(1)) end)
asyncio.run(a())
asyncio.run(b())
]])
eq("two asyncio.run: the main task", tr["Task-1"] and tr["Task-1"].spans,
  "step 0 0, step 1 0, step 1 0.5, step 2.5 0, wait sleep 0 1, wait sleep 1.5 1")
tr = trace_of("asyncio.run in debug mode", [[
local main = async(function() await(asyncio.sleep(1)) end)
asyncio.run(main(), { debug = true })
]])
check("asyncio.run in debug mode: no sleep(0)", tr["Task-1"] and not tr["Task-1"].spans:find("sleep(0)", 1, true),
  tr["Task-1"] and tr["Task-1"].spans)

cli.finish()
