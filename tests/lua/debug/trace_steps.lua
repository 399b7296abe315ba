-- Every step of a task is in its trace, the step a cancellation or an
-- awaited failure resumes too (the kernel's resume_task entry): the wait
-- before it and the wait after it stay two waits, each with its label and
-- times; a cancel() is marked where it was asked, with an arrow from who
-- asked. The virtual clock makes the times exact.
local cli = require "lib.cli"
local eq, check, has = cli.eq, cli.check, cli.has

local trace_of = require("lib.trace").trace_of

-- A task cancelled in its sleep(10) at 1 s catches CancelledError, then
-- sleeps 0.5 s: two waits on sleep, the step at 1 s between them.
local tr = trace_of("cancel, then a cleanup that waits", [[
local victim = async(function()
  pcall(await, asyncio.sleep(10))
  await(asyncio.sleep(0.5))
end)
local v = asyncio.create_task(victim(), { name = "victim" })
await(asyncio.sleep(1))
v:cancel()
await(v)
]])
eq("the victim's steps and waits", tr.victim and tr.victim.spans,
  "step 0 0, step 1 0, step 1.5 0, wait sleep 0 1, wait sleep 1 0.5")
eq("the cancel is marked where it was asked", tr.victim and tr.victim.marks, "cancel requested 1")
eq("with an arrow from who asked", tr.victim and tr.victim.arrows, "cancel from Task-1 1")

-- A cleanup that blocks 0.3 s after the cancel: a step of 0.3 s, not a wait.
tr = trace_of("cancel, then a blocking cleanup", [[
local victim = async(function()
  local _, e = pcall(await, asyncio.sleep(10))
  time.sleep(0.3)
  await(asyncio.sleep(0.1))
  error(e, 0)
end)
local v = asyncio.create_task(victim(), { name = "victim" })
await(asyncio.sleep(0.1))
v:cancel()
pcall(await, v)
]])
eq("the blocking step after a cancel", tr.victim and tr.victim.spans,
  "step 0 0, step 0.1 0.3, step 0.5 0, wait sleep 0 0.1, wait sleep 0.4 0.1")
eq("ended cancelled, asked at 0.1", tr.victim and tr.victim.marks, "cancel requested 0.1, cancelled 0.5")

-- The step that an awaited task's failure resumes.
tr = trace_of("an awaited failure", [[
local f = asyncio.create_task(async(function() await(asyncio.sleep(1)) error("bad", 0) end)(), { name = "failing" })
local w = asyncio.create_task(async(function() pcall(await, f); await(asyncio.sleep(1)) end)(), { name = "awaiter" })
await(w)
]])
eq("the awaiter's steps", tr.awaiter and tr.awaiter.spans,
  "step 0 0, step 1 0, step 2 0, wait failing 0 1, wait sleep 1 1")

-- A TaskGroup whose child fails at 1 s: its siblings run a step at 1 s
-- (they catch CancelledError and sleep 0.5 s), the parent too; each sibling
-- and the parent is marked at 1 s, with an arrow from the failed child.
tr = trace_of("a TaskGroup's failing child", [[
local child = async(function(d, fail)
  local ok, e = pcall(await, asyncio.sleep(d))
  if fail then error(asyncio.ValueError("boom")) end
  if not ok then await(asyncio.sleep(0.5)) error(e, 0) end
end)
pcall(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(child(1, true), { name = "bad" })
  tg:create_task(child(3), { name = "slow" })
end)
]])
eq("the sibling's steps", tr.slow and tr.slow.spans, "step 0 0, step 1 0, step 1.5 0, wait sleep 0 1, wait sleep 1 0.5")
eq("the sibling's marks", tr.slow and tr.slow.marks, "cancel requested 1, cancelled 1.5")
eq("the sibling's arrows", tr.slow and tr.slow.arrows, "cancel from bad 1")
eq("the failed child's mark", tr.bad and tr.bad.marks, "failed: ValueError 1")
check("the parent runs at 1 s", tr["Task-1"] and tr["Task-1"].spans:find("step 1 0", 1, true),
  tr["Task-1"] and tr["Task-1"].spans)
has("the parent is asked to cancel at 1 s", tr["Task-1"] and tr["Task-1"].marks or "", "cancel requested 1")

-- asyncio.timeout: its cancel reaches the task at 0.1 s; the task then
-- blocks 0.2 s and sleeps 0.1 s.
tr = trace_of("a timeout", [[
local ok = pcall(function()
  local _ <close> = asyncio.timeout(0.1)
  await(asyncio.sleep(1))
end)
time.sleep(0.2)
await(asyncio.sleep(0.1))
]])
eq("the timed-out task's steps", tr["Task-1"] and tr["Task-1"].spans:match("^(.-), wait"),
  "step 0 0, step 0.1 0.2, step 0.4 0")
has("its cancel mark", tr["Task-1"] and tr["Task-1"].marks or "", "cancel requested 0.1")

-- The timeline draws the step after the cancel as running.
do
  local script = cli.tmpfile([[
local victim = async(function()
  local _, e = pcall(await, asyncio.sleep(10))
  time.sleep(0.3)
  await(asyncio.sleep(0.1))
  error(e, 0)
end)
local v = asyncio.create_task(victim(), { name = "victim" })
await(asyncio.sleep(0.1))
v:cancel()
pcall(await, v)
]])
  local _, err = cli.run("COLUMNS=60 $L --clock=virtual --timeline " .. script)
  eq("the timeline of a blocking cleanup", err, [[
Task-1 █───────█───────────────────────────────█  done
victim █───────█████████████████████████───────█  cancelled
       0s              0.2s            0.4s
█ running  ─ waiting   (0.5s in all; 2 tasks)
]])
end

cli.finish()
