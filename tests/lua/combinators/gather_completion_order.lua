-- Where in its iteration a gather completes, when its children finish in
-- one iteration with another task's step between them: the outer future is
-- done only in the callback of the child that finished last, so a task
-- woken between two children's callbacks sees it pending; and when the
-- outer future's own callback runs. Each watcher prints once an iteration.
-- Reference: reference/gather_completion_order.py
local sleep = asyncio.sleep
local p = require("lib.show").p

local function fails()
  await(sleep(0))
  error(asyncio.ValueError("c1"))
end

local function returns(v)
  await(sleep(0))
  return v
end

local function watch(box, label)
  for i = 0, 3 do
    await(sleep(0))
    p(label, i, "outer done:", box.outer:done())
  end
end

local function shown(results)
  local out = {}
  for i = 1, results.n or #results do
    local r = results[i]
    out[i] = asyncio.BaseException:is(r) and getmetatable(r).__name or tostring(r)
  end
  return "[" .. table.concat(out, ", ") .. "]"
end

local loop = asyncio.get_running_loop()
-- A: a child that fails, another task, then a child that returns
-- (return_exceptions: the failure is a result).
local box = {}
local c1 = asyncio.spawn(fails)
local z = asyncio.spawn(watch, box, "A")
local c2 = asyncio.spawn(returns, 2)
box.outer = asyncio.gather(c1, c2, { return_exceptions = true })
box.outer:add_done_callback(function(o) p("A outer callback:", shown(o:result())) end)
await(z)
await(box.outer)

-- B: a Future set from a callback, another task, then a child that returns.
box = {}
local f = loop:create_future()
z = asyncio.spawn(watch, box, "B")
local c3 = asyncio.spawn(returns, 3)
box.outer = asyncio.gather(f, c3)
box.outer:add_done_callback(function(o) p("B outer callback:", shown(o:result())) end)
loop:call_soon(function() loop:call_soon(function() f:set_result(1) end) end)
await(z)
await(box.outer)

-- C: children that return, with another task's step between them.
box = {}
local t1 = asyncio.spawn(returns, 1)
z = asyncio.spawn(watch, box, "C")
local t2 = asyncio.spawn(returns, 2)
local t3 = asyncio.spawn(returns, 3)
box.outer = asyncio.gather(t1, t2, t3)
box.outer:add_done_callback(function(o) p("C outer callback:", shown(o:result())) end)
await(z)
await(box.outer)
