-- `tasks`, asyncio's usual name for a list of tasks, is the REPL's tasks()
-- until assigned: after `tasks = []` failed (Lua has no [] list), the
-- student's uses of tasks as a list meet the function, and a hint names it.
-- `tasks = {}` replaces it for the session.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  'tasks = []',
  'table.insert(tasks, asyncio.create_task(asyncio.sleep(0.1)))',
  'tasks[#tasks + 1] = 1',
  'for _, t in ipairs(tasks) do print(t) end',
  'await(asyncio.gather(table.unpack(tasks)))',
  'tasks.append(1)',
  'tasks()',
  'help.x',
  'tasks = {}',
  'table.insert(tasks, asyncio.create_task(asyncio.sleep(0.1, "done")))',
  'print(#tasks, await(tasks[1]))',
  '',
}, "\n"))
eq("exit status", code, 0)
local HINT = "hint: tasks is the REPL's tasks() function, not a variable of yours: give yours another name, or " ..
  "assign it first (tasks = {}), which replaces tasks() in this session\n"
local function has_hint(what, n, first)
  local at = err:find(first .. "\n", 1, true)
  cli.check(what .. ": the error", at, err)
  if at then has(what, err:sub(at), "\tstdin#" .. n .. ":1: in main chunk\n" .. HINT) end
end
has_hint("table.insert", 2, "stdin#2:1: bad argument #1 to 'insert' (table expected, got function)")
has_hint("#tasks", 3, "stdin#3:1: attempt to get length of a function value (global 'tasks')")
has_hint("ipairs", 4, "attempt to index a function value")
has_hint("table.unpack", 5, "attempt to get length of a function value")
has_hint("tasks.append", 6, "stdin#6:1: attempt to index a function value (global 'tasks')")
has("tasks() itself lists", out, "> tasks()\nTASK")
has("help.x", err, "hint: help is the REPL's help() function, not a variable of yours")
eq("the hint, five times", select(2, err:gsub("hint: tasks is the REPL's", "")), 5)
has("tasks = {} replaces it", out, "> print(#tasks, await(tasks[1]))\n1\tdone\n")

cli.finish()
