import asyncio
from _luastyle import s, p


def state(q):
    return f"qsize={q.qsize()} empty={s(q.empty())} full={s(q.full())}"


async def main():
    # 1. shutdown() wakes waiting getters with QueueShutDown; put() and
    #    put_nowait() raise it from then on
    q = asyncio.Queue()

    async def getter(name):
        try:
            item = await q.get()
            p("1", name, "got", item)
        except asyncio.QueueShutDown as e:
            p("1", name, "got", e, "is Exception", isinstance(e, Exception))

    ts = [asyncio.create_task(getter(n)) for n in ("g1", "g2")]
    await asyncio.sleep(0)
    q.shutdown()
    p("1 shut down")
    await asyncio.gather(*ts)
    try:
        q.put_nowait(1)
    except asyncio.QueueShutDown as e:
        p("1 put_nowait:", e)
    try:
        await q.put(1)
    except asyncio.QueueShutDown as e:
        p("1 put:", e)
    try:
        q.get_nowait()
    except asyncio.QueueShutDown as e:
        p("1 get_nowait:", e)
    q.shutdown()
    p("1 second shutdown is harmless")

    # 2. without immediate, items already queued can still be taken, then
    #    get() raises QueueShutDown
    q = asyncio.Queue()
    for x in ("a", "b"):
        q.put_nowait(x)
    q.shutdown()
    p("2", state(q))
    p("2 got", await q.get(), q.get_nowait(), state(q))
    try:
        await q.get()
    except asyncio.QueueShutDown as e:
        p("2 get on an empty shut-down queue:", e)
    try:
        q.get_nowait()
    except asyncio.QueueShutDown as e:
        p("2 get_nowait:", e)

    # 3. putters blocked on a full queue are woken with QueueShutDown
    q = asyncio.Queue(1)
    q.put_nowait("first")

    async def putter(name):
        try:
            await q.put(name)
            p("3", name, "put")
        except asyncio.QueueShutDown as e:
            p("3", name, "got", e)

    ts = [asyncio.create_task(putter(n)) for n in ("p1", "p2")]
    await asyncio.sleep(0)
    q.shutdown()
    await asyncio.gather(*ts)
    p("3", state(q), "got", q.get_nowait())

    # 4. shutdown(immediate=True) drops the items, counts them as done so
    #    join() returns, and get() raises at once
    q = asyncio.Queue()
    for x in range(3):
        q.put_nowait(x)
    q.get_nowait()

    async def joiner():
        await q.join()
        p("4 joiner released")

    j = asyncio.create_task(joiner())
    await asyncio.sleep(0)
    q.shutdown(True)
    p("4 after shutdown(immediate)", state(q))
    try:
        q.get_nowait()
    except asyncio.QueueShutDown as e:
        p("4 get_nowait:", e)
    await asyncio.sleep(0)
    p("4 joiner done", j.done(), "(one item was taken but not finished)")
    q.task_done()
    await j
    try:
        q.task_done()
    except ValueError as e:
        p("4", e)

    # 5. shutdown(immediate=True) wakes waiting getters too
    q = asyncio.Queue()
    ts = [asyncio.create_task(getter(n)) for n in ("g3", "g4")]
    await asyncio.sleep(0)
    q.shutdown(True)
    await asyncio.gather(*ts)

    # 6. the same for a PriorityQueue and a LifoQueue
    for cls in (asyncio.PriorityQueue, asyncio.LifoQueue):
        q = cls()
        q.put_nowait(2)
        q.put_nowait(1)
        q.shutdown()
        p("6", cls.__name__, q.get_nowait(), q.get_nowait())
        try:
            await q.get()
        except asyncio.QueueShutDown as e:
            p("6", cls.__name__, e)

    # 7. immediate as a keyword: shutdown(immediate=False) keeps the items,
    #    shutdown(immediate=True) drops them, for each kind of queue
    for cls in (asyncio.Queue, asyncio.PriorityQueue, asyncio.LifoQueue):
        for immediate in (False, True):
            q = cls()
            q.put_nowait(2)
            q.put_nowait(1)
            q.shutdown(immediate=immediate)
            p("7", cls.__name__, "immediate=" + s(immediate), state(q))
            if not immediate:
                p("7", cls.__name__, "got", q.get_nowait(), q.get_nowait())


asyncio.run(main())
