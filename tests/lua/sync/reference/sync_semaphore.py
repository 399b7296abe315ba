import asyncio
from _luastyle import s, p


async def main():
    sem = asyncio.Semaphore(2)
    p("1 locked", sem.locked())

    # 2. two at a time, the others served in FIFO order
    async def worker(name):
        p("2", name, "waiting")
        async with sem:
            p("2", name, "in, locked", sem.locked())
            await asyncio.sleep(0.01)
            p("2", name, "out")

    await asyncio.gather(*(worker(n) for n in ("a", "b", "c", "d", "e")))
    p("2 locked", sem.locked())

    # 3. a free semaphore is taken without yielding
    order = []

    async def marker():
        order.append("marker")

    t = asyncio.create_task(marker())
    r = await sem.acquire()
    order.append("acquired")
    p("3 order", ",".join(order), "acquire returned", bool(r))
    await t
    sem.release()

    # 4. release() wakes the first waiter; one cancelled after that wake-up
    #    passes it to the next one
    sem = asyncio.Semaphore(0)
    p("4 locked", sem.locked())

    async def waiter(name):
        try:
            await sem.acquire()
        except asyncio.CancelledError:
            p("4", name, "cancelled")
            raise
        p("4", name, "acquired")

    ts = [asyncio.create_task(waiter(n)) for n in ("a", "b", "c")]
    await asyncio.sleep(0)
    sem.release()
    ts[0].cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    p("4 done", ts[0].done(), ts[1].done(), ts[2].done())
    ts[2].cancel()
    await asyncio.gather(*ts, return_exceptions=True)
    p("4 cancelled", ts[0].cancelled(), ts[1].cancelled(), ts[2].cancelled(), "locked", sem.locked())

    # 5. release() beyond the initial value is allowed for Semaphore
    sem = asyncio.Semaphore(1)
    sem.release()
    await sem.acquire()
    await sem.acquire()
    p("5 two acquired, locked", sem.locked())
    sem.release()
    sem.release()

    # 6. BoundedSemaphore refuses it
    bsem = asyncio.BoundedSemaphore(2)
    await bsem.acquire()
    bsem.release()
    try:
        bsem.release()
    except ValueError as e:
        p("6", e)
    async with bsem:
        p("6 in, locked", bsem.locked())
    p("6 out, locked", bsem.locked())

    # 7. a negative initial value
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        p("7", e)

    # 8. a release inside the guarded block: the block's own release follows
    #    (a Semaphore counts it, a BoundedSemaphore refuses it)
    sem = asyncio.Semaphore(1)
    async with sem:
        sem.release()
    await sem.acquire()
    await sem.acquire()
    p("8 two acquired after the extra release, locked", sem.locked())
    bsem = asyncio.BoundedSemaphore(1)
    try:
        async with bsem:
            bsem.release()
    except ValueError as e:
        p("8 bounded:", e)


asyncio.run(main())
