import asyncio
from _luastyle import s, p


async def main():
    q = asyncio.Queue()

    # 1. join() on a queue with no unfinished items returns at once
    order = []

    async def marker():
        order.append("marker")

    t = asyncio.create_task(marker())
    await q.join()
    order.append("joined")
    p("1 order", ",".join(order))
    await t

    # 2. join() waits until task_done() was called once per item put
    async def worker(name):
        while True:
            item = await q.get()
            p("2", name, "works on", item)
            await asyncio.sleep(0.01 * item)
            p("2", name, "done with", item)
            q.task_done()

    async def joiner(name):
        await q.join()
        p("2", name, "sees the queue joined, qsize", q.qsize())

    for i in (1, 2, 3, 1):
        q.put_nowait(i)
    workers = [asyncio.create_task(worker(n)) for n in ("w1", "w2")]
    joiners = [asyncio.create_task(joiner(n)) for n in ("j1", "j2")]
    await q.join()
    p("2 main joined")
    await asyncio.gather(*joiners)

    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)

    # 3. get() alone does not finish an item
    q.put_nowait(9)
    p("3 got", await q.get())
    t = asyncio.create_task(joiner("j3"))
    await asyncio.sleep(0.1)
    p("3 j3 done", t.done())
    q.task_done()
    p("3 task_done called, j3 done", t.done())
    await t

    # 4. task_done() without a matching put
    try:
        q.task_done()
    except ValueError as e:
        p("4", e)
    q.put_nowait("x")
    q.get_nowait()
    q.task_done()
    try:
        q.task_done()
    except ValueError as e:
        p("4", e)


asyncio.run(main())
