import asyncio
from _luastyle import s, p


async def main():
    cond = asyncio.Condition()
    p("1 locked", cond.locked())

    # 2. notify(n) wakes the n first waiters, notify_all() the rest, in order;
    #    each one returns from wait() holding the lock
    async def waiter(name):
        async with cond:
            p("2", name, "waits")
            r = await cond.wait()
            p("2", name, "notified, wait returned", r, "locked", cond.locked())
            await asyncio.sleep(0)
            p("2", name, "leaves")

    ts = [asyncio.create_task(waiter(n)) for n in ("a", "b", "c", "d")]
    await asyncio.sleep(0)
    async with cond:
        p("2 main notifies 1")
        cond.notify()
    await asyncio.sleep(0.01)
    async with cond:
        p("2 main notifies 2")
        cond.notify(2)
    await asyncio.sleep(0.01)
    async with cond:
        p("2 main notifies all")
        cond.notify_all()
    await asyncio.gather(*ts)

    # 3. notify() with nobody waiting does nothing
    async with cond:
        cond.notify()
        cond.notify_all()
    p("3 ok")

    # 4. wait_for(predicate) re-checks after every notification and returns
    #    the predicate's value
    state = {"n": 0}

    async def watcher():
        async with cond:
            r = await cond.wait_for(lambda: state["n"] >= 3 and "enough")
            p("4 watcher sees n =", state["n"], "wait_for returned", r)

    t = asyncio.create_task(watcher())
    await asyncio.sleep(0)
    for _ in range(4):
        async with cond:
            state["n"] += 1
            p("4 n =", state["n"])
            cond.notify_all()
        await asyncio.sleep(0)
    await t

    # 5. a true predicate returns at once
    async with cond:
        r = await cond.wait_for(lambda: 42)
        p("5 wait_for returned", r)

    # 6. misuse
    try:
        await cond.wait()
    except RuntimeError as e:
        p("6", e)
    try:
        cond.notify()
    except RuntimeError as e:
        p("6", e)
    try:
        cond.notify_all()
    except RuntimeError as e:
        p("6", e)

    # 7. a cancelled waiter re-acquires the lock before the error leaves wait()
    async def cancelled_waiter():
        async with cond:
            try:
                await cond.wait()
            except asyncio.CancelledError:
                p("7 cancelled, locked", cond.locked())
                raise

    t = asyncio.create_task(cancelled_waiter())
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    p("7 cancelled", t.cancelled(), "locked", cond.locked())

    # 8. a Condition over a shared Lock
    lock = asyncio.Lock()
    cond2 = asyncio.Condition(lock)
    async with lock:
        p("8 cond2 locked", cond2.locked())
    p("8 cond2 locked", cond2.locked())


asyncio.run(main())
