-- Waiters cancelled at the tail, the head and the middle of a Queue's
-- getters and of a Lock's waiters (a getter finds its entry by its number,
-- queue_core.cpp's wait_failed; a Lock's waiter leaves its slot at once,
-- waiters.lua's dq_remove): those left keep
-- their order, as in CPython 3.13 (the same scenario printed g2=a g4=b,
-- _getters[2]; l2 l4, waiters:2). And 20,000 waiters cancelled newest
-- first, then oldest first: all leave, the next ones still served.
local q = asyncio.Queue()
local log = {}
local getters = {}
for i = 1, 5 do
  getters[i] = asyncio.create_task(async(function()
    local v = await(q:get())
    log[#log + 1] = "g" .. i .. "=" .. v
  end)())
end
await(asyncio.sleep(0))
for _, i in ipairs { 5, 1, 3 } do getters[i]:cancel() end
await(asyncio.sleep(0))
print(q)
q:put_nowait("a")
q:put_nowait("b")
for _, t in ipairs(getters) do pcall(await, t) end
print(table.concat(log, " "), q)

local lock = asyncio.Lock()
await(lock:acquire())
log = {}
local lockers = {}
for i = 1, 5 do
  lockers[i] = asyncio.create_task(async(function()
    local guard <close> = await(lock:acquire())
    log[#log + 1] = "l" .. i
    await(asyncio.sleep(0))
  end)())
end
await(asyncio.sleep(0))
for _, i in ipairs { 5, 1, 3 } do lockers[i]:cancel() end
await(asyncio.sleep(0))
local function show(l) return (tostring(l):gsub("0x%x+", "ADDR")) end
print(show(lock))
lock:release()
for _, t in ipairs(lockers) do pcall(await, t) end
print(table.concat(log, " "), show(lock))

for _, order in ipairs { "newest first", "oldest first" } do
  local n = 20000
  local q2, l2 = asyncio.Queue(), asyncio.Lock()
  await(l2:acquire())
  local ts = {}
  for i = 1, n do ts[i] = asyncio.create_task(q2:get()) end
  for i = 1, n do ts[n + i] = asyncio.create_task(l2:acquire()) end
  await(asyncio.sleep(0))
  local from, to, step = 2 * n, 1, -1
  if order == "oldest first" then from, to, step = 1, 2 * n, 1 end
  for i = from, to, step do ts[i]:cancel() end
  for _, t in ipairs(ts) do pcall(await, t) end
  local last = asyncio.create_task(q2:get())
  await(asyncio.sleep(0))
  q2:put_nowait("served")
  l2:release()
  print(order, q2, show(l2), await(last), await(l2:acquire()) ~= nil)
end
