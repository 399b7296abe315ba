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

-- The pace (kernel/gc_pacing.cpp, docs/lua-users.md): a pause of 400% while
-- the heap is small or grows, Lua's 200% once a large heap holds steady (its
-- garbage then stays below its size), 400% again once it is small, and a
-- pause the program sets is its own. Each decision is taken between ready
-- entries, after a cycle ends, and holds from the cycle after: the first
-- cycle of a heap that stopped growing still comes at 400%. (Reading the
-- pause sets one: it is put back at once.)
local function pause()
  local p = collectgarbage("setpause", 200)
  collectgarbage("setpause", p)
  return p
end
-- Garbage across awaits, ~1.4 MB a round; the peak heap seen.
local function churn(rounds, until_pause)
  local peak = 0
  for _ = 1, rounds do
    for j = 1, 20000 do local _ = { j, j + 1 } end
    await(asyncio.sleep(0))
    peak = math.max(peak, collectgarbage("count"))
    if until_pause and pause() == until_pause then break end
  end
  return peak
end
assert(pause() == 400, "a small heap: 400%")
local live = {}
for i = 1, 160000 do live[i] = { i, tostring(i) } end
local live_kb = collectgarbage("count")
assert(live_kb > 20 * 1024, live_kb)
churn(200, 200)
if pause() ~= 200 then error(("a large steady heap: pause %d, not 200"):format(pause())) end
churn(60)  -- the cycle that the 400% before set going
local peak = churn(60)
if peak > 2.5 * live_kb then error(("a large steady heap: peak %.0f KB for %.0f KB held"):format(peak, live_kb)) end
live = nil
collectgarbage()
churn(100, 400)
assert(pause() == 400, "small again: 400%")
collectgarbage("setpause", 300)
churn(50)
assert(pause() == 300, "the program's own pause")
print("ok")
