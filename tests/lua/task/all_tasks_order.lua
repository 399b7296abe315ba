-- asyncio.all_tasks() lists the pending tasks in the order they were made
-- (CPython answers a set; luasync keeps creation order, as tasks() at the
-- REPL shows): unnamed and named tasks interleaved, made by spawn and by
-- create_task (the kernel's and task.lua's paths), with some ended, one
-- renamed, and named tasks made one after another.
local function names(list)
  local out = {}
  for i, t in ipairs(list) do out[i] = t:get_name() end
  return table.concat(out, " ")
end

local gate = asyncio.Event()
local function wait_gate() await(gate:wait()) end
local function quick() end
local waiter = async(function() await(gate:wait()) end)

local made = {}
made[#made + 1] = asyncio.create_task(waiter(), { name = "first" })     -- before any unnamed task here
made[#made + 1] = asyncio.spawn(wait_gate, nil)                          -- the kernel's spawn
made[#made + 1] = asyncio.spawn(quick, nil)                              -- ends at its first step
made[#made + 1] = asyncio.create_task(waiter(), { name = "second" })
made[#made + 1] = asyncio.create_task(waiter(), { name = "third" })     -- two named in a row
made[#made + 1] = asyncio.create_task(waiter())                          -- the kernel's create_task
made[#made + 1] = asyncio.spawn(wait_gate)                               -- task.lua's spawn (no argument)
made[#made + 1] = asyncio.spawn(quick, 1)
made[#made + 1] = asyncio.create_task(waiter(), { name = "last" })

-- The main task is Task-1; the others are numbered from 2 in this run.
local main = asyncio.current_task()
print(names(asyncio.all_tasks()))
made[6]:set_name("renamed")
await(asyncio.sleep(0))  -- the quick ones end
print(names(asyncio.all_tasks()))
made[2]:cancel()
await(asyncio.sleep(0))
print(names(asyncio.all_tasks()))
gate:set()
await(asyncio.sleep(0))
await(asyncio.sleep(0))
print(names(asyncio.all_tasks()))
assert(asyncio.all_tasks()[1] == main)
