import asyncio
from _luastyle import s, p


async def main():
    # str() of the queues: maxsize, the items, waiting getters and putters,
    # unfinished tasks, shutdown
    q = asyncio.Queue()
    p("1", str(q))
    q.put_nowait(1)
    q.put_nowait("two")
    q.put_nowait(3.5)
    p("2", str(q))
    q.get_nowait()
    q.task_done()
    p("3", str(q))
    q.get_nowait()
    q.get_nowait()
    p("4", str(q))
    g = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    p("5", str(q))
    q.put_nowait(4)
    await g
    q.shutdown()
    p("6", str(q))

    b = asyncio.Queue(1)
    b.put_nowait(0)
    t = asyncio.create_task(b.put("x"))
    await asyncio.sleep(0)
    p("7", str(b))
    b.shutdown(True)
    await asyncio.gather(t, return_exceptions=True)
    p("8", str(b))

    pq = asyncio.PriorityQueue(3)
    for x in (3, 1, 2):
        pq.put_nowait(x)
    p("9", str(pq))
    lq = asyncio.LifoQueue()
    for x in ("a", "b"):
        lq.put_nowait(x)
    p("10", str(lq))


asyncio.run(main())
