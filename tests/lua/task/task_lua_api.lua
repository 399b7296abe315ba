-- Lua-only task API (no CPython reference): spawn, create_task with a
-- function, multiple results through await, sleep(delay, ...), await inside
-- coroutine.wrap generators, top-level await, require("asyncio").
-- The script asserts its own expectations.

local function eq(got, want, what)
  if got ~= want then
    error(("%s: expected %s, got %s"):format(what, tostring(want), tostring(got)), 2)
  end
end

eq(require("asyncio"), asyncio, "require('asyncio')")

-- top-level await: the script runs as a task
eq(await(asyncio.sleep(0.01, "slept")), "slept", "top-level await of sleep(d, r)")
local x, y, z = await(asyncio.sleep(0, "x", nil, "z"))
eq(x, "x", "sleep result 1"); eq(y, nil, "sleep result 2"); eq(z, "z", "sleep result 3")
eq(select("#", await(asyncio.sleep(0, "x", nil, "z"))), 3, "sleep result count")
-- many results, around the count an op keeps in a byte (254, 255, 300)
for _, n in ipairs({254, 255, 300}) do
  local values = {}
  for i = 1, n do values[i] = i end
  values[n - 1] = nil
  local got = table.pack(await(asyncio.sleep(0.001, table.unpack(values, 1, n))))
  eq(got.n, n, "sleep result count " .. n)
  eq(got[n - 1], nil, "sleep result " .. (n - 1) .. " of " .. n)
  eq(got[n], n, "sleep result " .. n .. " of " .. n)
end

local log = {}

-- spawn passes its arguments to the function
local t = asyncio.spawn(function(a, b)
  log[#log + 1] = "spawned"
  await(asyncio.sleep(0.01))
  return a + b
end, 2, 3)
eq(await(t), 5, "spawn result")

-- create_task with a function calls it without arguments
t = asyncio.create_task(function(...)
  log[#log + 1] = "fn task"
  return select("#", ...)
end)
eq(await(t), 0, "create_task(fn) argument count")
t = asyncio.create_task(function() return "named" end, {name = "lua-named"})
eq(t:get_name(), "lua-named", "create_task(fn, {name=})")
eq(await(t), "named", "named fn task result")
eq(table.concat(log, ","), "spawned,fn task", "log")

-- spawn and create_task share the FIFO order
log = {}
local function rec(name) return function() log[#log + 1] = name end end
local t1 = asyncio.spawn(rec("s1"))
local t2 = asyncio.create_task(rec("c2"))
local t3 = asyncio.spawn(rec("s3"))
await(t3); await(t1); await(t2)
eq(table.concat(log, ","), "s1,c2,s3", "spawn/create_task order")

-- every returned value travels through await, inline and through a task
local multi = async(function()
  await(asyncio.sleep(0))
  return 1, nil, 3
end)
local a, b, c = await(multi())
eq(a, 1, "inline 1"); eq(b, nil, "inline 2"); eq(c, 3, "inline 3")
eq(select("#", await(multi())), 3, "inline result count")
t = asyncio.create_task(multi())
eq(select("#", await(t)), 3, "task result count")
a, b, c = await(t)
eq(a, 1, "task 1"); eq(b, nil, "task 2"); eq(c, 3, "task 3")

-- await inside a coroutine.wrap generator suspends the enclosing task
local gen = coroutine.wrap(function()
  for i = 1, 3 do
    await(asyncio.sleep(0))
    coroutine.yield(i)
  end
end)
local other_ran = 0
local other = asyncio.spawn(function()
  for _ = 1, 3 do
    other_ran = other_ran + 1
    await(asyncio.sleep(0))
  end
end)
local sum = 0
for i in gen do sum = sum + i end
eq(sum, 6, "generator sum")
if other_ran == 0 then error("the other task never ran while the generator awaited") end
await(other)

-- plain Lua errors pass through tasks and await unchanged
local payload = {code = 42}
t = asyncio.spawn(function()
  await(asyncio.sleep(0))
  error(payload)
end)
local ok, e = pcall(await, t)
eq(ok, false, "table error: pcall result")
eq(e, payload, "table error: same table through await")
eq(t:exception(), payload, "table error: exception()")
t = asyncio.spawn(function() error("plain message") end)
ok, e = pcall(await, t)
eq(type(e), "string", "string error type")
if not e:find("plain message", 1, true) then error("string error lost its text: " .. e) end
ok, e = pcall(await, async(function() error(payload) end)())
eq(e, payload, "table error through an inline await")

-- asyncio.run(aw) inside the running loop awaits aw and returns its values
eq(asyncio.run(multi()), 1, "asyncio.run result")

-- A task that returns nothing has no results, one that returns nil has one:
-- through await, result(), gather, shield and wait_for, whether the kernel
-- ends the task (spawn(fn, arg), create_task(coro)) or task.lua does.
local none = async(function() await(asyncio.sleep(0)) end)
local one_nil = async(function() await(asyncio.sleep(0)) return nil end)
local ends = {
  { "create_task(coro) of nothing", asyncio.create_task(none()), 0 },
  { "create_task(coro) of nil", asyncio.create_task(one_nil()), 1 },
  { "spawn(fn, arg) of nothing", asyncio.spawn(function() await(asyncio.sleep(0)) end, 1), 0 },
  { "spawn(fn, arg) of nil", asyncio.spawn(function() await(asyncio.sleep(0)) return nil end, 1), 1 },
  { "spawn(fn) of nothing", asyncio.spawn(function() await(asyncio.sleep(0)) end), 0 },
  { "create_task(fn) of nothing", asyncio.create_task(function() await(asyncio.sleep(0)) end), 0 },
}
for _, case in ipairs(ends) do
  local what, task, n = case[1], case[2], case[3]
  eq(select("#", await(task)), n, what .. ": await's count")
  eq(select("#", task:result()), n, what .. ": result()'s count")
  eq(tostring(task):match(" result=nil>$") ~= nil, true, what .. ": repr " .. tostring(task))
  local got = await(asyncio.gather(task, asyncio.sleep(0, "after")))
  eq(got[1], nil, what .. ": gather's value")
  eq(got[2], "after", what .. ": gather's next value")
end
local later = asyncio.spawn(function() await(asyncio.sleep(0.01)) end)
eq(select("#", await(asyncio.shield(later))), 0, "shield of a task that returns nothing")
later = asyncio.spawn(function() await(asyncio.sleep(0.01)) return nil end)
eq(select("#", await(asyncio.shield(later))), 1, "shield of a task that returns nil")
eq(select("#", await(asyncio.wait_for(none(), 1))), 0, "wait_for of a coroutine that returns nothing")

-- spawn(fn, arg): the argument reaches fn as given (nil and false too), and
-- a task cancelled before its first step never runs fn with it.
local got = {}
local function keep(v) got[#got + 1] = v == nil and "nil" or tostring(v) end
local a1, a2, a3 = asyncio.spawn(keep, false), asyncio.spawn(keep, nil), asyncio.spawn(keep, "x")
local never = asyncio.spawn(keep, "never")
never:cancel()
await(asyncio.gather(a1, a2, a3))
await(asyncio.sleep(0))
eq(table.concat(got, " "), "false nil x", "spawn's arguments")
eq(never:cancelled(), true, "a task cancelled before its first step")

-- virtual clock: a long sleep takes no real time
local loop = asyncio.get_running_loop()
local c0, t0 = os.clock(), loop:time()
await(asyncio.sleep(30))
local dt = loop:time() - t0
if dt < 30 or dt > 30.5 then error(("loop:time advanced %.3f, expected 30"):format(dt)) end
if os.clock() - c0 > 5 then error("virtual sleep burned CPU time") end

print("ok")
