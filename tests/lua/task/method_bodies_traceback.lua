-- A task whose body is one of the runtime's methods (create_task(t.set_result),
-- create_task(Exception.subclass)) fails with a traceback that shows the
-- task and its awaiter, nothing of the runtime: the methods whose code loads
-- at first use (task_endings.lua, errors_rare.lua...) are entered through
-- stand-ins that are not tail calls ("(...tail calls...)" showed).
local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local tmpfile, run, eq, finish = cli.tmpfile, cli.run, cli.eq, cli.finish

local cases = {
  { "t0.set_result", "RuntimeError: Task does not support set_result operation" },
  { "t0.set_exception", "RuntimeError: Task does not support set_exception operation" },
  { "t0.get_coro", "bad argument #1 to 'get_coro' (Task expected; call it as t:get_coro(...))" },
  { "asyncio.Exception.subclass", "bad argument #1 to 'subclass' (error class expected; call it as Class:subclass(...))" },
  { "asyncio.LimitOverrunError.__new", "bad argument #1 to 'LimitOverrunError' (value expected)" },
}
for _, c in ipairs(cases) do
  local _, err, status = run('"$L" ' .. tmpfile(([[
local t0 = asyncio.create_task(function() end)
await(t0)
await(asyncio.create_task(%s))
]]):format(c[1])))
  eq(c[1] .. ": status", status, 1)
  eq(c[1] .. ": traceback", err:gsub("^luasync: [^\n]*\n", ""),
    "stack traceback:\n  task 'Task-3':\n  awaited by task 'Task-1':\n\t" .. err:match("\t([^\n]*main chunk)\n") .. "\n")
  eq(c[1] .. ": message", err:match("^luasync: ([^\n]*)\n"), c[2])
end

finish()
