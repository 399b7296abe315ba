-- asyncio.iscoroutinefunction on the methods of the runtime's objects, as
-- CPython 3.13's on theirs: true for those that are async def there (they
-- give a coroutine object: q:get(), lock:acquire(), reader:read()), false
-- for those that act at once (q:get_nowait(), lock:release()).
-- Reference: reference/iscoroutinefunction_methods.py
local loop = asyncio.get_running_loop()
local q, pq = asyncio.Queue(), asyncio.PriorityQueue()
local lock, event, cond = asyncio.Lock(), asyncio.Event(), asyncio.Condition()
local sem, bsem, barrier = asyncio.Semaphore(), asyncio.BoundedSemaphore(), asyncio.Barrier(1)
local reader = asyncio.StreamReader()
for _, case in ipairs({
  { "Queue.get", q.get }, { "Queue.put", q.put }, { "Queue.join", q.join },
  { "Queue.get_nowait", q.get_nowait }, { "Queue.task_done", q.task_done },
  { "PriorityQueue.get", pq.get },
  { "Lock.acquire", lock.acquire }, { "Lock.release", lock.release },
  { "Event.wait", event.wait }, { "Event.set", event.set },
  { "Condition.acquire", cond.acquire }, { "Condition.wait", cond.wait },
  { "Condition.wait_for", cond.wait_for }, { "Condition.notify", cond.notify },
  { "Semaphore.acquire", sem.acquire }, { "BoundedSemaphore.acquire", bsem.acquire },
  { "Barrier.wait", barrier.wait }, { "Barrier.reset", barrier.reset },
  { "Barrier.abort", barrier.abort },
  { "StreamReader.read", reader.read }, { "StreamReader.readline", reader.readline },
  { "StreamReader.readuntil", reader.readuntil }, { "StreamReader.readexactly", reader.readexactly },
  { "StreamReader.at_eof", reader.at_eof },
  { "loop.getaddrinfo", loop.getaddrinfo },
  { "loop.shutdown_default_executor", loop.shutdown_default_executor },
  { "loop.call_soon", loop.call_soon },
}) do
  print(case[1], asyncio.iscoroutinefunction(case[2]))
end
