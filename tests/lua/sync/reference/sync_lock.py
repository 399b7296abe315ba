import asyncio
from _luastyle import s, p


async def main():
    lock = asyncio.Lock()
    p("1 locked", lock.locked())

    # 2. a free lock is taken without yielding: a task created just before
    #    does not run in between
    order = []

    async def marker():
        order.append("marker")

    t = asyncio.create_task(marker())
    r = await lock.acquire()
    order.append("acquired")
    p("2 order", ",".join(order), "acquire returned", bool(r), "locked", lock.locked())
    await t
    lock.release()
    p("2 released, locked", lock.locked())

    # 3. waiters get the lock in FIFO order
    async def worker(name):
        p("3", name, "waiting")
        async with lock:
            p("3", name, "got the lock")
            await asyncio.sleep(0)
            p("3", name, "releases")

    await lock.acquire()
    ts = [asyncio.create_task(worker(n)) for n in ("a", "b", "c", "d")]
    await asyncio.sleep(0)
    p("3 main releases")
    lock.release()
    await asyncio.gather(*ts)
    p("3 locked", lock.locked())

    # 4. a waiter cancelled before its turn leaves the queue
    async def waiter(name):
        try:
            await lock.acquire()
        except asyncio.CancelledError:
            p("4", name, "cancelled while waiting")
            raise
        p("4", name, "got the lock")
        lock.release()

    await lock.acquire()
    a = asyncio.create_task(waiter("a"))
    b = asyncio.create_task(waiter("b"))
    c = asyncio.create_task(waiter("c"))
    await asyncio.sleep(0)
    b.cancel()
    await asyncio.sleep(0)
    p("4 main releases")
    lock.release()
    await asyncio.gather(a, b, c, return_exceptions=True)
    p("4 cancelled", a.cancelled(), b.cancelled(), c.cancelled())

    # 5. a waiter cancelled after release() woke it passes the wake-up on
    await lock.acquire()
    a = asyncio.create_task(waiter("a"))
    b = asyncio.create_task(waiter("b"))
    await asyncio.sleep(0)
    lock.release()
    a.cancel()
    p("5 released and cancelled a, locked", lock.locked())
    await asyncio.gather(a, b, return_exceptions=True)
    p("5 cancelled", a.cancelled(), b.cancelled(), "locked", lock.locked())

    # 6. release of an unlocked lock, and a release inside "async with"
    try:
        lock.release()
    except RuntimeError as e:
        p("6", e)
    try:
        async with lock:
            lock.release()
            p("6 released inside the block, locked", lock.locked())
    except RuntimeError as e:
        p("6 at block end:", e)

    # 7. the lock is released when the block fails
    try:
        async with lock:
            raise ValueError("oops")
    except ValueError as e:
        p("7", e, "locked", lock.locked())


asyncio.run(main())
