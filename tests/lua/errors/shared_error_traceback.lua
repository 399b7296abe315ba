-- One error object raised in several tasks -- one Future's exception
-- awaited by three tasks, one error set on several futures (a lost
-- connection waking three drain() calls), a Future that failed before its
-- awaiters came -- is reported in each task with that task's frames only,
-- as CPython's (Future.result raises with the traceback kept at
-- set_exception): no "awaited by" chain through tasks that merely raised
-- the same object. A task awaiting a task that failed still shows that
-- task's path, "awaited by" it, however many tasks awaited it.
local cli = require "lib.cli"
local eq = cli.eq

-- The reports of the tasks named in `order`, which the snippet lets go one
-- at a time, each followed by a full collection (so that they come in that
-- order).
local function reports(body)
  local script = cli.tmpfile("local waiter = async(function(f) await(f) end)\n" .. body .. [[

await(asyncio.sleep(0.1))
for i = #ts, 1, -1 do
  ts[i] = nil
  collectgarbage()
end
]])
  local out, err, code = cli.run('"$L" --clock=virtual ' .. cli.quote(script))
  eq("status", code, 0)
  eq("stdout", out, "")
  return (err:gsub(cli.quote(script):sub(2, -2):gsub("%p", "%%%0"), "script.lua"))
end

local function report(name, exc, ...)
  local lines = { "Task exception was never retrieved",
    "future: <Task finished name='" .. name .. "' coro=<waiter() done, defined at script.lua:1> exception=" ..
      exc .. ">", exc:gsub("^(%w+)%('(.*)'%)$", "%1: %2"), "stack traceback:", ... }
  return table.concat(lines, "\n") .. "\n"
end
local function own(name) return "  task '" .. name .. "':", "\tscript.lua:1: in function 'waiter'" end

eq("one Future, three tasks awaiting it", reports([[
local f = asyncio.Future()
ts = {}
for i = 1, 3 do ts[i] = asyncio.create_task(waiter(f), { name = "w" .. i }) end
await(asyncio.sleep(0))
f:set_exception(asyncio.ValueError("boom"))
]]), report("w3", "ValueError('boom')", own("w3")) .. report("w2", "ValueError('boom')", own("w2")) ..
  report("w1", "ValueError('boom')", own("w1")))

eq("one error set on three futures", reports([[
local e = asyncio.ConnectionResetError("lost")
ts = {}
local fs = {}
for i = 1, 3 do
  fs[i] = asyncio.Future()
  ts[i] = asyncio.create_task(waiter(fs[i]), { name = "d" .. i })
end
await(asyncio.sleep(0))
for i = 1, 3 do fs[i]:set_exception(e) end
]]), report("d3", "ConnectionResetError('lost')", own("d3")) ..
  report("d2", "ConnectionResetError('lost')", own("d2")) .. report("d1", "ConnectionResetError('lost')", own("d1")))

eq("a Future that failed before its awaiters came", reports([[
local f = asyncio.Future()
f:set_exception(asyncio.ValueError("early"))
ts = {}
for i = 1, 2 do ts[i] = asyncio.create_task(waiter(f), { name = "late" .. i }) end
]]), report("late2", "ValueError('early')", own("late2")) .. report("late1", "ValueError('early')", own("late1")))

-- A failed task awaited by two: each shows the failed task's path, then
-- itself, not the other one.
local failed = { "  task 'A':", "\tscript.lua:2: in function 'fail'" }
eq("one failed task, two awaiting it", reports([[
local fail = async(function() await(asyncio.sleep(0.01)); error(asyncio.ValueError("boom")) end)
local a = asyncio.create_task(fail(), { name = "A" })
ts = { asyncio.create_task(waiter(a), { name = "B" }), asyncio.create_task(waiter(a), { name = "C" }) }
await(asyncio.sleep(0.05))
assert(not pcall(await, a))
]]), report("C", "ValueError('boom')", failed[1], failed[2], "  awaited by task 'C':",
  "\tscript.lua:1: in function 'waiter'") .. report("B", "ValueError('boom')", failed[1], failed[2],
  "  awaited by task 'B':", "\tscript.lua:1: in function 'waiter'"))
cli.finish()
