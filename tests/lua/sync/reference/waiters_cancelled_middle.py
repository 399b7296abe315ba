import asyncio
from _luastyle import p


def state(prim):
    # the bracketed part of the repr: "locked, waiters:4"
    return repr(prim).split("[", 1)[1].rstrip("]>")


async def main():
    # 1. Lock: waiters cancelled from the middle, the newest and the oldest
    #    leave; the others keep their order, and newcomers queue behind them
    lock = asyncio.Lock()
    await lock.acquire()

    async def locker(name):
        try:
            async with lock:
                p("lock", name, "has it")
                await asyncio.sleep(0)
        except asyncio.CancelledError:
            p("lock", name, "cancelled")
            raise

    ws = [asyncio.create_task(locker("w%d" % i)) for i in range(1, 9)]
    await asyncio.sleep(0)
    for i in (2, 4, 5, 7):
        ws[i - 1].cancel()
    await asyncio.sleep(0)
    p("lock", state(lock))
    ws += [asyncio.create_task(locker("w%d" % i)) for i in (9, 10)]
    await asyncio.sleep(0)
    ws[9].cancel()
    ws[0].cancel()
    await asyncio.sleep(0)
    p("lock", state(lock))
    lock.release()
    await asyncio.gather(*ws, return_exceptions=True)
    p("lock", state(lock))

    # 2. Semaphore: the same
    sem = asyncio.Semaphore(1)
    await sem.acquire()

    async def taker(name):
        try:
            async with sem:
                p("sem", name, "has it")
                await asyncio.sleep(0)
        except asyncio.CancelledError:
            p("sem", name, "cancelled")
            raise

    ws = [asyncio.create_task(taker("w%d" % i)) for i in range(1, 9)]
    await asyncio.sleep(0)
    for i in (3, 4, 6):
        ws[i - 1].cancel()
    await asyncio.sleep(0)
    p("sem", state(sem))
    ws.append(asyncio.create_task(taker("w9")))
    await asyncio.sleep(0)
    sem.release()
    await asyncio.gather(*ws, return_exceptions=True)
    p("sem", state(sem))

    # 3. Event: cancelled waiters leave, set() wakes the rest in order
    ev = asyncio.Event()

    async def waiter(name):
        try:
            await ev.wait()
            p("event", name, "woke")
        except asyncio.CancelledError:
            p("event", name, "cancelled")
            raise

    ws = [asyncio.create_task(waiter("w%d" % i)) for i in range(1, 7)]
    await asyncio.sleep(0)
    for i in (2, 5):
        ws[i - 1].cancel()
    await asyncio.sleep(0)
    p("event", state(ev))
    ev.set()
    await asyncio.gather(*ws, return_exceptions=True)
    p("event", state(ev))

    # 4. Condition: waiters cancelled from the middle pass a notification
    #    on as they leave (a spurious wake-up, as asyncio's do); notify_all
    #    wakes the rest in order
    cond = asyncio.Condition()

    async def cwaiter(name):
        try:
            async with cond:
                await cond.wait()
                p("cond", name, "woke")
        except asyncio.CancelledError:
            p("cond", name, "cancelled")
            raise

    ws = [asyncio.create_task(cwaiter("w%d" % i)) for i in range(1, 7)]
    await asyncio.sleep(0)
    for i in (3, 4):
        ws[i - 1].cancel()
    await asyncio.sleep(0)
    p("cond", state(cond))
    async with cond:
        cond.notify_all()
    await asyncio.gather(*ws, return_exceptions=True)
    p("cond", state(cond))

    p("waiters leave from the middle at a constant cost")


asyncio.run(main())
