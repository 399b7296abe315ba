-- What a finished task costs in the Lua heap while something holds it: ~150
-- bytes for a task of asyncio.spawn(fn, arg) that returned one value and
-- that gather awaited -- its table, whose array part holds its fields
-- (kernel/boundary.hpp's Field: six slots), and no more: gather's done
-- callback and the coroutine leave their slots empty. It was ~250 when the
-- fields were named and the callback a fifth one (the table grew to eight
-- slots and stayed there); bench W1 holds 200,000 of them at its peak. A
-- named task of create_task (task.lua's new_task) keeps its coroutine
-- object and its name as well: ~490 bytes, ~550 once.
local K = 20000
local heap_kb = require "lib.heap"
local function body(i)
  await(asyncio.sleep(0))
  return i
end
local work = async(body)

local function bytes_each(make)
  local tasks = {}
  for i = 1, K do tasks[i] = make(i) end
  local results = await(asyncio.gather(table.unpack(tasks, 1, K)))
  assert(results[K] == K and results.n == K)
  results = nil
  local held = heap_kb()
  for i = 1, K do tasks[i] = false end  -- the list keeps its size
  return (held - heap_kb()) * 1024 / K
end

bytes_each(function(i) return asyncio.spawn(body, i) end)  -- grows what the runtime keeps
local spawned = bytes_each(function(i) return asyncio.spawn(body, i) end)
assert(spawned < 200, ("%.0f bytes a finished task (spawn)"):format(spawned))
local named = bytes_each(function(i) return asyncio.create_task(work(i), { name = "t" .. i }) end)
assert(named < 500, ("%.0f bytes a finished task (named)"):format(named))
print("ok")
