import asyncio
from _luastyle import s, p


async def main():
    # 1. Lock: a task woken by release() keeps its turn; a newcomer that
    #    calls acquire() before it runs waits behind it
    lock = asyncio.Lock()
    await lock.acquire()

    async def taker(name):
        async with lock:
            p("1", name, "has the lock")
            await asyncio.sleep(0)

    a = asyncio.create_task(taker("a"))
    await asyncio.sleep(0)
    lock.release()
    p("1 released, locked", lock.locked())
    b = asyncio.create_task(taker("b"))
    await asyncio.sleep(0)
    await lock.acquire()
    p("1 main has the lock")
    lock.release()
    await asyncio.gather(a, b)

    # 2. Lock: when every waiter is cancelled, a newcomer takes the free lock
    #    at once
    await lock.acquire()
    w = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    w.cancel()
    lock.release()
    await lock.acquire()
    p("2 main took the lock past a cancelled waiter, locked", lock.locked())
    lock.release()
    await asyncio.gather(w, return_exceptions=True)

    # 3. Semaphore: a woken waiter keeps its turn too; locked() is true
    #    while a waiter is pending
    sem = asyncio.Semaphore(1)
    await sem.acquire()

    async def sem_taker(name):
        async with sem:
            p("3", name, "in")
            await asyncio.sleep(0)

    a = asyncio.create_task(sem_taker("a"))
    await asyncio.sleep(0)
    sem.release()
    p("3 released, locked", sem.locked())
    await sem.acquire()
    p("3 main in")
    sem.release()
    await a

    # 4. Condition: a waiter cancelled after notify() passes the
    #    notification to the next waiter
    cond = asyncio.Condition()

    async def cwaiter(name):
        async with cond:
            try:
                await cond.wait()
            except asyncio.CancelledError:
                p("4", name, "cancelled")
                raise
            p("4", name, "notified")

    ts = [asyncio.create_task(cwaiter(n)) for n in ("a", "b")]
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
    ts[0].cancel()
    await asyncio.gather(*ts, return_exceptions=True)
    p("4 cancelled", ts[0].cancelled(), ts[1].cancelled())

    # 5. Queue: a getter is only woken by put_nowait(); whoever calls
    #    get_nowait() first takes the item, and the woken getter waits again
    q = asyncio.Queue()

    async def getter():
        item = await q.get()
        p("5 getter got", item)

    g = asyncio.create_task(getter())
    await asyncio.sleep(0)
    q.put_nowait("first")
    p("5 main took", q.get_nowait())
    await asyncio.sleep(0)
    p("5 getter still waiting", not g.done())
    q.put_nowait("second")
    await g

    # 6. timeouts around waits leave nothing behind
    ev = asyncio.Event()
    try:
        await asyncio.wait_for(ev.wait(), 0.05)
    except TimeoutError as e:
        p("6 event wait timed out:", type(e).__name__)
    ev.set()
    p("6 set, wait returns", await asyncio.wait_for(ev.wait(), 0.05))
    try:
        async with asyncio.timeout(0.05):
            await q.get()
    except TimeoutError:
        p("6 get timed out, qsize", q.qsize())
    q.put_nowait("x")
    p("6 got", await asyncio.wait_for(q.get(), 0.05))
    await lock.acquire()
    try:
        await asyncio.wait_for(lock.acquire(), 0.05)
    except TimeoutError:
        p("6 lock acquire timed out, locked", lock.locked())
    lock.release()
    p("6 lock free again", not lock.locked())


asyncio.run(main())
