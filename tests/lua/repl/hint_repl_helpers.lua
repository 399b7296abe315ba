-- A student's variable named as one of the REPL's functions (the course's
-- list `tasks`) replaces it: calling it then says so, whatever the variable
-- holds, instead of "did you mean task1?"; asyncio.all_tasks() still gives
-- the tasks. Only at the REPL: a script has no tasks(). `ps` (a process
-- listing) points to tasks() and to `luasync ps PID`.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

-- err has the error `first`, then its traceback, then `hint` right after
-- the traceback's last line, `\tstdin#n:1: in main chunk`.
local function has_hint(what, err, n, first, hint)
  local at = err:find("stdin#" .. n .. ":1: " .. first .. "\n", 1, true)
  cli.check(what .. ": the error", at, err)
  if at then has(what, err:sub(at), "\tstdin#" .. n .. ":1: in main chunk\n" .. hint) end
end

local out, err, code = cli.run('"$L" -i', table.concat({
  'task1 = asyncio.create_task(asyncio.sleep(10))',
  'tasks = {1, 2}',
  'tasks()',
  'tasks = nil',
  'tasks()',
  'tasks',
  'help = "x"',
  'help()',
  'timeline = 1',
  'timeline()',
  'print(#asyncio.all_tasks())',
  'ps',
  'ps()',
  'task1:cancel()',
  '',
}, "\n"))
eq("REPL: exit status", code, 0)
local TASKS = "hint: tasks() is the REPL's list of the tasks, and assigning tasks replaced it: give your list " ..
  "another name (asyncio.all_tasks() still gives the tasks)\n"
has_hint("a table in tasks", err, 3, "attempt to call a table value (global 'tasks')", TASKS)
has_hint("nil in tasks", err, 5, "attempt to call a nil value (global 'tasks')", TASKS)
cli.check("no did-you-mean for tasks", not err:find("did you mean task1", 1, true), err)
has("tasks typed alone, nil", out, "> tasks\nnil\n" .. TASKS)
has_hint("help", err, 8, "attempt to call a string value (global 'help')",
  "hint: help() is the REPL's help, and assigning help replaced it: give your variable another name\n")
has("timeline", err, "hint: timeline() is the REPL's drawing of what the tasks did, and assigning timeline " ..
  "replaced it: give your variable another name\n")
has("asyncio.all_tasks() still gives the tasks (task1, the input's)", out, "> print(#asyncio.all_tasks())\n2\n")
local PS = "hint: tasks() lists the tasks here; a script's tasks are listed from another terminal with luasync ps " ..
  "PID, when the script was started with luasync --inspect\n"
has("ps alone", out, "> ps\nnil\n" .. PS)
has_hint("ps()", err, 13, "attempt to call a nil value (global 'ps')", PS)

-- tasks() itself, before any assignment, is untouched.
out, err, code = cli.run('"$L" -i', 'tasks()\n')
has("tasks() lists", out, "no tasks\n")

-- A script has no tasks(): its own variable named tasks gets no such hint;
-- ps() points to luasync ps only.
local script = cli.tmpfile('local tasks = {1}\ntasks()\n')
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: status", code, 1)
cli.check("script: no REPL hint", not err:find("hint", 1, true), err)
script = cli.tmpfile('ps()\n')
out, err, code = cli.run('"$L" ' .. cli.quote(script))
has("script: ps()", err, ":1: attempt to call a nil value (global 'ps')\n")
has("script: ps() hint", err, "\nhint: a script's tasks are listed from another terminal with luasync ps PID, " ..
  "when the script was started with luasync --inspect\n")
cli.finish()
