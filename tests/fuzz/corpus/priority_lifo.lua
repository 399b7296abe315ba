-- fuzz: terminates
-- PriorityQueue and LifoQueue, the nowait errors, items of any kind.
local pq = asyncio.PriorityQueue()
pq:put_nowait({ 2, "write report" })
pq:put_nowait({ 1, "fix bug" })
pq:put_nowait({ 3, "lunch" })
pq:put_nowait({ 1, "coffee" })
for _ = 1, pq:qsize() do print(table.unpack(pq:get_nowait())) end
print(pcall(pq.put_nowait, pq, "not a table"))
print(pq:qsize())

local lq = asyncio.LifoQueue(2)
lq:put_nowait("a")
lq:put_nowait(nil)
print(lq:full(), pcall(lq.put_nowait, lq, "c"))
print(lq:get_nowait(), lq:get_nowait())
local ok, e = pcall(lq.get_nowait, lq)
print(ok, e, asyncio.QueueEmpty:is(e))

local q = asyncio.Queue(1)
local t = asyncio.spawn(function() return await(q:get()) end)
await(asyncio.sleep(0))
await(q:put("x"))
print(await(t), tostring(q), q.maxsize)
q.maxsize = 5
print(q.maxsize)
