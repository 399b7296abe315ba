-- asyncio.all_tasks() costs the same per task whatever their number: it
-- lists them in creation order (DESIGN.md §2) by walking the table that
-- anchors them, where it sorted them with a Lua comparator (n log n calls:
-- ~110 VM instructions per task over 10,000 tasks, ~210 when they were all
-- named; ten calls over 100,000 tasks took 1.1 s to 2.6 s, CPython's 0.4 s).
-- The count is of Lua VM instructions (a count hook), so it does not depend
-- on the machine's load. The order is checked on the walk and on the sort
-- kept for tasks scattered far apart (a few survivors among many ended).
local gate = asyncio.Event()
local function wait_gate() await(gate:wait()) end
local waiter = async(wait_gate)
local function quick() end

local function instructions(f)
  local count = 0
  debug.sethook(function() count = count + 1 end, "", 1)
  local r = f()
  debug.sethook()
  return count, r
end

-- Makes n tasks waiting on the gate (every third named), with `gap` quick
-- tasks before each; returns them in creation order.
local function make(n, gap)
  local made = {}
  for i = 1, n do
    for _ = 1, gap do asyncio.spawn(quick) end
    if i % 3 == 0 then
      made[i] = asyncio.create_task(waiter(), { name = "n" .. i })
    else
      made[i] = asyncio.spawn(wait_gate)
    end
  end
  await(asyncio.sleep(0))  -- the quick ones end
  return made
end

local function check_order(made)
  local all = asyncio.all_tasks()
  assert(#all == #made + 1, #all)
  assert(all[1] == asyncio.current_task())
  for i, t in ipairs(made) do
    if all[i + 1] ~= t then error(("task %d of %d out of place: %s"):format(i, #made, all[i + 1]:get_name())) end
  end
end

local function per_task(n, gap)
  local made = make(n, gap)
  check_order(made)
  local count = instructions(asyncio.all_tasks)
  gate:set()
  await(asyncio.sleep(0))
  gate:clear()
  return count / n
end

local small, big = per_task(2000, 0), per_task(20000, 0)
print(("per task: %.1f over 2,000 tasks, %.1f over 20,000"):format(small, big))
assert(big < 50, "all_tasks costs more than 50 VM instructions per task")
assert(big < small * 1.1, "all_tasks' cost per task grows with the number of tasks")
per_task(3000, 20)  -- scattered: the sort's order
print("ok")
