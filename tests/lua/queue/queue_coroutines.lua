-- Queue.get / Queue.put coroutine objects (made by the C++ kernel): they run
-- at most once, may be awaited in a later step than the one that made them,
-- wrapped in tasks and gather, timed out, cancelled, and they work for the
-- subclasses and after shutdown.
-- Reference: reference/queue_coroutines.py

local p = require("lib.show").p

local function name(e) return (tostring(e):match("^(%w+)")) end

local q = asyncio.Queue()

-- 1. get() and put() return coroutine objects that run at most once
local c = q:get()
p("1 iscoroutine", asyncio.iscoroutine(c))
c:close()
p("1 closed:", select(2, pcall(await, c)))
local pc = q:put("a")
await(pc)
p("1 again:", select(2, pcall(await, pc)))
p("1 got", await(q:get()), "qsize", q:qsize())

-- 2. a get made in one step and awaited in a later one
local g = q:get()
await(asyncio.sleep(0))
q:put_nowait("later")
p("2 got", await(g))

-- 3. a get wrapped in a task, and two in gather, served in order
local t = asyncio.create_task(q:get())
await(asyncio.sleep(0))
p("3 task done?", t:done())
q:put_nowait("x")
p("3 task got", await(t))
local fut = asyncio.gather(q:get(), q:get())
local function feed()
  await(q:put("y"))
  await(q:put("z"))
end
await(asyncio.sleep(0))
feed()
p("3 gather got", table.unpack(await(fut)))

-- 4. a get that times out leaves the queue usable; the next getter waits
local ok, e = pcall(await, asyncio.wait_for(q:get(), 0.1))
p("4 wait_for:", name(e))
local function getter(n)
  local item = await(q:get())
  p("4", n, "got", item)
end
local ts = { asyncio.spawn(getter, "g1"), asyncio.spawn(getter, "g2") }
await(asyncio.sleep(0))
ts[1]:cancel()
await(asyncio.sleep(0))
await(q:put("w"))
await(asyncio.gather(ts[1], ts[2], { return_exceptions = true }))
p("4 cancelled", ts[1]:cancelled(), "qsize", q:qsize())

-- 5. the subclasses through the same coroutine objects
local pq, lq = asyncio.PriorityQueue(), asyncio.LifoQueue()
for _, i in ipairs({ 3, 1, 2 }) do
  await(pq:put(i))
  await(lq:put(i))
end
p("5 priority", await(pq:get()), await(pq:get()), await(pq:get()))
p("5 lifo", await(lq:get()), await(lq:get()), await(lq:get()))

-- 6. a shut-down queue raises from a waiting get
t = asyncio.create_task(q:get())
await(asyncio.sleep(0))
q:shutdown()
ok, e = pcall(await, t)
p("6 shutdown:", name(e))
ok, e = pcall(await, q:put(1))
p("6 put after shutdown:", name(e))
assert(not ok)
