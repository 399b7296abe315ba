import asyncio
from _luastyle import s, p


async def main():
    q = asyncio.Queue()

    # 1. get() and put() return coroutine objects that run at most once
    c = q.get()
    p("1 iscoroutine", s(asyncio.iscoroutine(c)))
    c.close()
    try:
        await c
    except RuntimeError as e:
        p("1 closed:", s(e))
    pc = q.put("a")
    await pc
    try:
        await pc
    except RuntimeError as e:
        p("1 again:", s(e))
    p("1 got", await q.get(), "qsize", q.qsize())

    # 2. a get made in one step and awaited in a later one
    g = q.get()
    await asyncio.sleep(0)
    q.put_nowait("later")
    p("2 got", await g)

    # 3. a get wrapped in a task, and two in gather, served in order
    t = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    p("3 task done?", s(t.done()))
    q.put_nowait("x")
    p("3 task got", await t)
    fut = asyncio.gather(q.get(), q.get())

    async def feed():
        await q.put("y")
        await q.put("z")

    await asyncio.sleep(0)
    await feed()
    p("3 gather got", *await fut)

    # 4. a get that times out leaves the queue usable; the next getter waits
    try:
        await asyncio.wait_for(q.get(), 0.1)
    except TimeoutError as e:
        p("4 wait_for:", type(e).__name__)

    async def getter(name):
        item = await q.get()
        p("4", name, "got", item)

    ts = [asyncio.create_task(getter(n)) for n in ("g1", "g2")]
    await asyncio.sleep(0)
    ts[0].cancel()
    await asyncio.sleep(0)
    await q.put("w")
    await asyncio.gather(*ts, return_exceptions=True)
    p("4 cancelled", s(ts[0].cancelled()), "qsize", q.qsize())

    # 5. the subclasses through the same coroutine objects
    pq, lq = asyncio.PriorityQueue(), asyncio.LifoQueue()
    for i in (3, 1, 2):
        await pq.put(i)
        await lq.put(i)
    p("5 priority", await pq.get(), await pq.get(), await pq.get())
    p("5 lifo", await lq.get(), await lq.get(), await lq.get())

    # 6. a shut-down queue raises from a waiting get
    t = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    q.shutdown()
    try:
        await t
    except asyncio.QueueShutDown as e:
        p("6 shutdown:", type(e).__name__)
    try:
        await q.put(1)
    except asyncio.QueueShutDown as e:
        p("6 put after shutdown:", type(e).__name__)


asyncio.run(main())
