-- fuzz: terminates
-- Queue shutdown: waiting getters and putters wake up with QueueShutDown.
local q = asyncio.Queue()
local getter = async(function(name)
  local ok, e = pcall(await, q:get())
  print(name, ok, e, asyncio.QueueShutDown:is(e))
end)
local ts = { asyncio.create_task(getter("g1")), asyncio.create_task(getter("g2")) }
await(asyncio.sleep(0))
q:shutdown()
await(asyncio.gather(table.unpack(ts)))
print(pcall(q.put_nowait, q, 1))
print(pcall(await, q:put(1)))

q = asyncio.Queue()
for _, x in ipairs({ "a", "b" }) do q:put_nowait(x) end
q:shutdown()
print(await(q:get()), q:get_nowait())
print(pcall(await, q:get()))

q = asyncio.Queue(1)
q:put_nowait("first")
local putter = asyncio.spawn(function()
  print("putter", pcall(await, q:put("second")))
end)
await(asyncio.sleep(0))
q:shutdown(true)
await(putter)
print(q:qsize(), q:empty())

q = asyncio.Queue()
q:put_nowait(1)
q:put_nowait(2)
local joiner = asyncio.spawn(function() await(q:join()); print("joined") end)
await(asyncio.sleep(0))
q:shutdown(true)
await(joiner)
print(pcall(q.task_done, q))
