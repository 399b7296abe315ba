-- Between two steps a task waits on something, then, woken, is ready and
-- waits for the loop to run it -- behind a task that blocks the loop, say.
-- The pictures draw the two apart (text: ░, HTML: amber, JSON: "ready"),
-- and agree; a wait ends when what it waited on ended. Also: what the
-- runtime does inside a call of the user's is named by that call
-- (as_completed, create_subprocess_shell), the steps of asyncio.run's own
-- shutdown are not the user's, and a task that ended after recording
-- stopped is not drawn "pending".
local cli = require "lib.cli"
local trace_of = require("lib.trace").trace_of
local eq, has, check = cli.eq, cli.has, cli.check

-- Lesson 004: two tasks call time.sleep(1). Task-3 is ready from the start
-- but runs only once Task-2 gave the loop back, at 1 s; Task-1 waits on
-- Task-2 until it ended, at 1 s, and is then ready, held back by Task-3.
local blocked = [[
local func1 = async(function() time.sleep(1) end)
local func2 = async(function() time.sleep(1) end)
local main = async(function()
  local task1 = asyncio.create_task(func1())
  local task2 = asyncio.create_task(func2())
  await(task1)
  await(task2)
end)
asyncio.run(main())
]]
local tr = trace_of("blocked", blocked)
eq("blocked: Task-1 waits until Task-2 ended, then is ready", tr["Task-1"] and tr["Task-1"].spans,
  "step 0 0, step 2 0, wait Task-2 0 1, ready 1 1")
eq("blocked: Task-2 runs first", tr["Task-2"] and tr["Task-2"].spans, "step 0 1")
eq("blocked: Task-3 is ready from the start", tr["Task-3"] and tr["Task-3"].spans, "step 1 1, ready 0 1")

local script = cli.tmpfile(blocked)
local _, err, status = cli.run("COLUMNS=80 $L --clock=virtual --timeline " .. script)
eq("blocked: status", status, 0)
eq("blocked: the timeline", err, [[
Task-1 █────────────────────────────────░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░█  done
Task-2 ██████████████████████████████████                                  done
Task-3 ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░█████████████████████████████████  done
       0s              0.5s             1s              1.5s           2s
█ running  ░ ready, waiting for the loop  ─ waiting   (2s in all; 3 tasks)
]])
-- In colour, ready is yellow.
local tty_out = cli.run("unset NO_COLOR; COLUMNS=80 TERM=xterm script -qec \"$L --clock=virtual --timeline " ..
  script .. " 2>&1 >/dev/null\" /dev/null")
has("blocked: ready in colour", tty_out, "\27[33m░\27[0m ready, waiting for the loop")

local html = cli.tmpfile()
os.remove(html)
html = html .. ".html"
_, _, status = cli.run("$L --clock=virtual --trace=" .. html .. " " .. script)
eq("blocked: html status", status, 0)
local page = cli.slurp(html)
os.remove(html)
has("html: the wait ends when Task-2 ended", page, "<title>Task-1 waits on Task-2: 0s to 1s</title>")
has("html: then Task-1 is ready", page, "<title>Task-1 ready, waiting for the loop: 1s to 2s</title>")
has("html: Task-3 has a bar while it is ready", page, "<title>Task-3 ready, waiting for the loop: 0s to 1s</title>")
has("html: the legend says so", page, "amber: ready, waiting for the loop")
local _, steps = page:gsub("<title>Task%-1 runs:", "")
eq("html: Task-1's steps, as CPython's main Task makes them", steps, 2)

-- A sleep whose end comes while another task blocks the loop: the wait
-- ends at its deadline, the task is ready from then.
tr = trace_of("a sleep held back", [[
local sleeper = asyncio.create_task(asyncio.sleep(0.5), { name = "sleeper" })
local blocker = asyncio.create_task(async(function() time.sleep(1) end)(), { name = "blocker" })
await(sleeper)
]])
eq("a sleep held back: the sleeper", tr.sleeper and tr.sleeper.spans, "step 0 0, step 1 0, wait sleep 0 0.5, ready 0.5 0.5")
eq("a sleep held back: the script, woken when the sleeper ended", tr["Task-1"] and tr["Task-1"].spans,
  "step 0 0, step 1 0, wait sleeper 0 1")

-- create_subprocess_shell gives the loop turns of its own (as CPython's
-- does): they are named by it, not drawn as sleep(0)s of the user's.
tr = trace_of("a subprocess", [[
local p = await(asyncio.create_subprocess_shell("sleep 0.2"))
await(p:wait())
]])
local spans = tr["Task-1"] and tr["Task-1"].spans or ""
local _, turns = spans:gsub("ready %(create_subprocess_shell%) ", "")
eq("a subprocess: its turns named by the call", turns, 2)
check("a subprocess: no sleep(0) of the user's", not spans:find("sleep(0)", 1, true), spans)
has("a subprocess: then the user's wait", spans, "wait Process.wait ")

-- as_completed is named so (not the Queue.get it is built on), in the
-- trace and in tasks(), which lists the tasks it waits for under it, as it
-- lists a gather's.
local as_completed = [[
local fetch = async(function(s) await(asyncio.sleep(#s)) return s end)
local main = async(function()
  for aw in asyncio.as_completed({ fetch("aaa"), fetch("b"), fetch("cc") }) do print(await(aw)) end
end)
]]
tr = trace_of("as_completed", as_completed .. "asyncio.run(main())\n")
eq("as_completed: the waits", tr["Task-1"] and tr["Task-1"].spans,
  "step 0 0, step 1 0, step 2 0, step 3 0, wait as_completed 0 1, wait as_completed 1 1, wait as_completed 2 1")
local out = cli.run("$L -i --clock=virtual", as_completed .. [[
m = asyncio.create_task(main(), { name = "main" })
await(asyncio.sleep(1.5))
tasks()
await(m)
]])
has("as_completed: tasks()", out, [[
> tasks()
TASK       STATE    WHERE      WAITING ON
main       pending  stdin#2:2  as_completed
├─ Task-1  pending  stdin#1:1  sleep 1.5 s left
└─ Task-3  pending  stdin#1:1  sleep 0.5 s left
]])

-- Recording stopped (the limit): a task that ended later ended unseen;
-- one still pending is pending.
tr = trace_of("recording stopped", [[
for i = 1, 60000 do await(asyncio.sleep(0)) end
local t = asyncio.create_task(async(function() for i = 1, 60000 do await(asyncio.sleep(0)) end end)())
await(t)
]])
eq("recording stopped: the script's end", tr["Task-1"] and tr["Task-1"].marks, "end unknown (recording stopped) 0")
eq("recording stopped: the task's end", tr["Task-2"] and tr["Task-2"].marks, "end unknown (recording stopped) 0")
out = cli.run("$L -i --clock=virtual", [[
p = asyncio.create_task(asyncio.sleep(100), { name = "still" })
t = asyncio.create_task(async(function() for i = 1, 110000 do await(asyncio.sleep(0)) end end)(), { name = "busy" })
await(t)
timeline()
]])
has("recording stopped: at the REPL", out, "; recording stopped after 100000 events")
cli.matches("recording stopped: a task pending is pending", out, "\nstill [^\n]*  pending\n")
cli.matches("recording stopped: one done since is unknown", out, "\nbusy [^\n]*  end unknown %(recording stopped%)\n")

cli.finish()
