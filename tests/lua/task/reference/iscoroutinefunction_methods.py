import asyncio
from _luastyle import lua


async def main():
    loop = asyncio.get_running_loop()
    q, pq = asyncio.Queue(), asyncio.PriorityQueue()
    lock, event, cond = asyncio.Lock(), asyncio.Event(), asyncio.Condition()
    sem, bsem, barrier = asyncio.Semaphore(), asyncio.BoundedSemaphore(), asyncio.Barrier(1)
    reader = asyncio.StreamReader()
    for name, f in [
        ("Queue.get", q.get), ("Queue.put", q.put), ("Queue.join", q.join),
        ("Queue.get_nowait", q.get_nowait), ("Queue.task_done", q.task_done),
        ("PriorityQueue.get", pq.get),
        ("Lock.acquire", lock.acquire), ("Lock.release", lock.release),
        ("Event.wait", event.wait), ("Event.set", event.set),
        ("Condition.acquire", cond.acquire), ("Condition.wait", cond.wait),
        ("Condition.wait_for", cond.wait_for), ("Condition.notify", cond.notify),
        ("Semaphore.acquire", sem.acquire), ("BoundedSemaphore.acquire", bsem.acquire),
        ("Barrier.wait", barrier.wait), ("Barrier.reset", barrier.reset),
        ("Barrier.abort", barrier.abort),
        ("StreamReader.read", reader.read), ("StreamReader.readline", reader.readline),
        ("StreamReader.readuntil", reader.readuntil), ("StreamReader.readexactly", reader.readexactly),
        ("StreamReader.at_eof", reader.at_eof),
        ("loop.getaddrinfo", loop.getaddrinfo),
        ("loop.shutdown_default_executor", loop.shutdown_default_executor),
        ("loop.call_soon", loop.call_soon),
    ]:
        print(f"{name}\t{lua(asyncio.iscoroutinefunction(f))}")


asyncio.run(main())
