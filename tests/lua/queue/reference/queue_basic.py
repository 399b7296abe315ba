import asyncio
from _luastyle import s, p


def state(q):
    return f"qsize={q.qsize()} empty={s(q.empty())} full={s(q.full())}"


async def main():
    q = asyncio.Queue(2)
    p("1 maxsize", q.maxsize, state(q))
    q.put_nowait("x")
    q.put_nowait("y")
    p("1", state(q))
    try:
        q.put_nowait("z")
    except asyncio.QueueFull as e:
        p("1 put_nowait:", e, "is Exception", isinstance(e, Exception))
    p("1 got", q.get_nowait(), q.get_nowait(), state(q))
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        p("1 get_nowait:", e)

    # 2. put() on a full queue waits for room; putters are served in order
    async def producer(name, item):
        p("2", name, "puts", item)
        await q.put(item)
        p("2", name, "put done", item)

    q.put_nowait(1)
    q.put_nowait(2)
    ts = [asyncio.create_task(producer(n, i)) for n, i in (("p3", 3), ("p4", 4))]
    await asyncio.sleep(0)
    p("2 producers blocked", state(q))
    p("2 got", q.get_nowait())
    await asyncio.sleep(0)
    p("2", state(q))
    p("2 got", await q.get(), await q.get())
    await asyncio.gather(*ts)
    p("2 got", await q.get(), state(q))

    # 3. get() on an empty queue waits; getters are served in order
    async def consumer(name):
        p("3", name, "waits")
        item = await q.get()
        p("3", name, "got", item)

    ts = [asyncio.create_task(consumer(n)) for n in ("c1", "c2", "c3")]
    await asyncio.sleep(0)
    q.put_nowait("a")
    q.put_nowait("b")
    p("3 put a, b", state(q))
    await asyncio.sleep(0)
    await q.put("c")
    await asyncio.gather(*ts)

    # 4. a put() or get() that can complete at once does not yield
    order = []

    async def marker():
        order.append("marker")

    t = asyncio.create_task(marker())
    await q.put("now")
    order.append("put")
    item = await q.get()
    order.append("get " + item)
    p("4 order", ",".join(order))
    await t

    # 5. a getter cancelled after put_nowait() woke it loses nothing: the
    #    item goes to the next getter
    ts = [asyncio.create_task(consumer(n)) for n in ("c4", "c5")]
    await asyncio.sleep(0)
    q.put_nowait("only")
    ts[0].cancel()
    await asyncio.gather(*ts, return_exceptions=True)
    p("5 cancelled", ts[0].cancelled(), ts[1].cancelled(), state(q))

    # 6. a getter cancelled while the queue stays empty: later items are not lost
    t = asyncio.create_task(consumer("c6"))
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    q.put_nowait("kept")
    p("6", state(q), "got", q.get_nowait())

    # 7. a putter cancelled while waiting for room does not add its item
    q.put_nowait(1)
    q.put_nowait(2)
    t = asyncio.create_task(producer("p5", 5))
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    p("7 cancelled", t.cancelled(), "got", q.get_nowait(), q.get_nowait(), state(q))

    # 8. maxsize 0 (the default) is unbounded
    u = asyncio.Queue()
    for i in range(100):
        u.put_nowait(i)
    p("8 maxsize", u.maxsize, state(u))

    # 9. PriorityQueue gives the smallest first, LifoQueue the newest
    pq = asyncio.PriorityQueue()
    for x in (5, 1, 4, 2, 3, 1):
        pq.put_nowait(x)
    p("9 priority", " ".join(str(pq.get_nowait()) for _ in range(6)))
    pq = asyncio.PriorityQueue()
    for x in ("pear", "apple", "fig"):
        await pq.put(x)
    p("9 priority", " ".join([await pq.get() for _ in range(3)]))
    lq = asyncio.LifoQueue(3)
    for x in (1, 2, 3):
        lq.put_nowait(x)
    p("9 lifo full", lq.full(), "->", " ".join(str(lq.get_nowait()) for _ in range(3)))
    try:
        lq.get_nowait()
    except asyncio.QueueEmpty as e:
        p("9 lifo", e)
    try:
        pq.get_nowait()
    except asyncio.QueueEmpty as e:
        p("9 priority", e)

    # 10. getters cancelled while waiting: a wake-up drops them from the
    #     queue (its repr stops counting them) and passes over them; a task
    #     whose wait was cancelled, then whose turn came and which was
    #     cancelled before it ran, passes that turn on
    w = asyncio.Queue()
    log = []

    async def getter(name):
        try:
            log.append(f"{name} got {await w.get()}")
        except asyncio.CancelledError:
            log.append(f"{name} cancelled")
            raise

    async def twice(name):
        try:
            await w.get()
        except asyncio.CancelledError:
            log.append(f"{name} cancelled while waiting")
        await getter(name)

    g = [asyncio.create_task(getter(n)) for n in ("g1", "g2", "g3")]
    await asyncio.sleep(0)
    g[0].cancel()
    g[1].cancel()
    p("10 after cancel", w)
    w.put_nowait("a")
    p("10 after put", w)
    await asyncio.sleep(0)
    a = asyncio.create_task(twice("t"))
    await asyncio.sleep(0)
    a.cancel()
    await asyncio.sleep(0)
    b = asyncio.create_task(getter("b"))
    await asyncio.sleep(0)
    w.put_nowait("b")
    a.cancel()
    await asyncio.gather(*g, a, b, return_exceptions=True)
    p("10", ", ".join(log))
    p("10 end", w, a.cancelled(), b.cancelled())


asyncio.run(main())
