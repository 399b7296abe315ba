-- Queue with worker tasks looping forever, join(), then cancelling them.
local q = asyncio.Queue(2)

local producer = async(function(n)
  for i = 1, n do
    await(q:put(i))
    print("produced", i, "size", q:qsize())
  end
end)

local consumer = async(function(name)
  while true do
    local item = await(q:get())
    await(asyncio.sleep(1))
    print(name, "consumed", item)
    q:task_done()
  end
end)

local workers = { asyncio.create_task(consumer("c1")), asyncio.create_task(consumer("c2")) }
await(producer(4))
await(q:join())
print("all done", q)
for _, w in ipairs(workers) do w:cancel() end
print(await(asyncio.gather(workers[1], workers[2], { return_exceptions = true })).n)
