-- tasks() at the REPL: one line per task but the REPL's console and the
-- input that asks, saying which input the task is in (stdin#N:line), and
-- what it waits on (the library operation, the time a sleep has left, the
-- task it awaits), in columns aligned by display width (a Japanese name
-- takes two columns a character), as a tree: a task another awaits stands
-- under it (directly, through gather, or as a TaskGroup's child).
-- asyncio.all_tasks() leaves the console out.
local cli = require "lib.cli"
local eq = cli.eq

local input = table.concat({
  "e = asyncio.Event()",
  "q = asyncio.Queue()",
  "l = asyncio.Lock()",
  "await(l:acquire())",
  "a = asyncio.spawn(function() await(e:wait()) end)",
  "b = asyncio.spawn(function() await(q:get()) end)",
  "c = asyncio.spawn(function() await(asyncio.sleep(0.8)) end)",
  'd = asyncio.create_task(function() await(l:acquire()) end, {name = "ロックを待つタスク"})',
  "f = asyncio.spawn(function() await(c) end)",
  "await(asyncio.sleep(0.3))",
  "tasks()",
  "#asyncio.all_tasks()",
}, "\n") .. "\n"
local out, err, code = cli.run('"$L" -i --clock=virtual', input)
eq("status", code, 0)
eq("stderr", err, "")
local listing = out:match("> tasks%(%)\n(.-)\n> #asyncio")
eq("tasks()", listing, table.concat({
  "TASK                STATE    WHERE      WAITING ON",
  "Task-2              pending  stdin#5:1  Event.wait",
  "Task-3              pending  stdin#6:1  Queue.get",
  "ロックを待つタスク  pending  stdin#8:1  Lock.acquire",
  "Task-5              pending  stdin#9:1  awaiting Task-4",
  "└─ Task-4           pending  stdin#7:1  sleep 0.5 s left",
}, "\n"))
-- 5 tasks and the input that counts them; not the console.
eq("all_tasks()", out:match("> #asyncio.all_tasks%(%)\n(%d+)\n"), "6")

-- What tasks() lists after these inputs and one iteration, without the
-- spaces that pad its last column.
local function tasks_after(lines)
  lines[#lines + 1] = "await(asyncio.sleep(0))"
  lines[#lines + 1] = "tasks()"
  local shown = cli.run('"$L" -i --clock=virtual', table.concat(lines, "\n") .. "\n"):match("> tasks%(%)\n(.-)\n> ")
  return shown and (shown:gsub(" +\n", "\n"))
end

-- A TaskGroup and a gather, nested.
eq("a tree", tasks_after({
  "leaf = async(function(s) await(asyncio.sleep(s)) end)",
  "mid = async(function() await(asyncio.gather(leaf(1), leaf(2))) end)",
  'top = asyncio.create_task(async(function() local tg <close> = asyncio.TaskGroup(); ' ..
    'tg:create_task(mid(), {name = "mid"}); tg:create_task(leaf(3), {name = "three"}) end)(), {name = "top"})',
}), table.concat({
  "TASK          STATE    WHERE      WAITING ON",
  "top           pending  stdin#3:1  TaskGroup",
  "├─ mid        pending  stdin#2:1  gather",
  "│  ├─ Task-1  pending  stdin#1:1  sleep 1.0 s left",
  "│  └─ Task-2  pending  stdin#1:1  sleep 2.0 s left",
  "└─ three      pending  stdin#1:1  sleep 3.0 s left",
}, "\n"))

-- A task that runs the library's code only (a sleep, a Queue.get given to
-- create_task) is suspended nowhere in the user's code: "-", not "(running)".
eq("library-only tasks", tasks_after({
  't = asyncio.create_task(asyncio.sleep(5), {name = "op task"})',
  "q = asyncio.Queue()",
  't2 = asyncio.create_task(q:get(), {name = "getter"})',
}), table.concat({
  "TASK     STATE    WHERE  WAITING ON",
  "op task  pending  -      sleep 5.0 s left",
  "getter   pending  -      Queue.get",
}, "\n"))

-- tasks() lists the first 100 rows and says how many more there are;
-- tasks(true) lists them all.
out = cli.run('"$L" -i --clock=virtual', table.concat({
  "for i = 1, 150 do asyncio.spawn(function() await(asyncio.sleep(5)) end) end",
  "await(asyncio.sleep(0))",
  "tasks()",
  "tasks(true)",
}, "\n") .. "\n")
local capped, all = out:match("> tasks%(%)\n(.-)\n> tasks%(true%)\n(.-)\n> ")
cli.check("tasks() and tasks(true)", capped and all, out)
if capped then
  eq("tasks(): rows", select(2, capped:gsub("\nTask%-%d+ ", "")), 100)
  cli.has("tasks(): what was left out", capped, "\n... (50 more tasks: tasks(true) lists them all)")
  eq("tasks(true): rows", select(2, all:gsub("\nTask%-%d+ ", "")), 150)
end

-- A long name is cut to 30 columns ("…"), a tab in one shown as \t: each
-- task stays on its row.
out = cli.run('"$L" -i --clock=virtual', table.concat({
  'asyncio.create_task(asyncio.sleep(5), { name = "inner-group-B-with-a-really-really-long-name" })',
  'asyncio.create_task(asyncio.sleep(5), { name = "a\\tb" })',
  "await(asyncio.sleep(0))",
  "tasks()",
}, "\n") .. "\n")
local listed = (out:match("> tasks%(%)\n(.-)\n> ") or ""):gsub(" +", " ")
cli.has("a long name cut", listed, "\ninner-group-B-with-a-really-r… pending - sleep 5.0 s left\n")
cli.has("a tab shown", listed, "\na\\tb pending - sleep 5.0 s left")
cli.finish()
