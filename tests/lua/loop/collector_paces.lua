-- The collector runs from the start: a program that makes garbage, in one
-- step or across awaits, keeps a heap the size of what it holds (Lua's pause:
-- about twice), not of all it ever made. The runtime starts its collector as
-- if a cycle had just ended (lua/state.cpp); this pins that it still runs.
local startup_kb = collectgarbage("count")
local function check(what, limit_kb)
  local kb = collectgarbage("count")
  if kb > limit_kb then error(("%s: the heap is %.0f KB (startup %.0f KB), above %d KB"):format(what, kb, startup_kb, limit_kb)) end
end

-- ~50 MB of tables, none kept, in one step.
for _ = 1, 50 do
  local t = {}
  for i = 1, 10000 do t[i] = { i } end
end
check("garbage made in one step", 8 * 1024)

-- The same across awaits, with tasks.
for _ = 1, 20 do
  local tasks = {}
  for i = 1, 500 do tasks[i] = asyncio.spawn(function(n) return { n, tostring(n) } end, i) end
  await(asyncio.gather(table.unpack(tasks)))
end
check("garbage made by tasks", 8 * 1024)
print("ok")
