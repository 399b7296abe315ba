import asyncio
from _luastyle import s, p


async def main():
    ev = asyncio.Event()
    p("1 is_set", ev.is_set())

    # 2. set() wakes every waiter, in the order they started waiting
    async def waiter(name):
        p("2", name, "waiting")
        r = await ev.wait()
        p("2", name, "woke with", r)
        return name

    ts = [asyncio.create_task(waiter(n)) for n in ("a", "b", "c")]
    await asyncio.sleep(0)
    p("2 main sets")
    ev.set()
    p("2 is_set", ev.is_set())
    rs = await asyncio.gather(*ts)
    p("2 results", ",".join(rs))

    # 3. waiting on a set event returns at once, without yielding
    order = []

    async def marker():
        order.append("marker")

    t = asyncio.create_task(marker())
    r = await ev.wait()
    order.append("waited")
    p("3 order", ",".join(order), "wait returned", r)
    await t

    # 4. clear() makes waiters block again; set() twice is harmless
    ev.clear()
    p("4 is_set", ev.is_set())
    t = asyncio.create_task(waiter("d"))
    await asyncio.sleep(0)
    p("4 d done", t.done())
    ev.set()
    ev.set()
    await t

    # 5. set() then clear() before the waiters run: they still wake
    ev.clear()
    ts = [asyncio.create_task(waiter(n)) for n in ("e", "f")]
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    p("5 set and cleared, is_set", ev.is_set())
    await asyncio.gather(*ts)

    # 6. a cancelled waiter does not disturb the others
    async def waiter6(name):
        try:
            await ev.wait()
        except asyncio.CancelledError:
            p("6", name, "cancelled")
            raise
        p("6", name, "woke")

    ts = [asyncio.create_task(waiter6(n)) for n in ("g", "h", "i")]
    await asyncio.sleep(0)
    ts[1].cancel()
    await asyncio.sleep(0)
    ev.set()
    await asyncio.gather(*ts, return_exceptions=True)
    p("6 cancelled", ts[0].cancelled(), ts[1].cancelled(), ts[2].cancelled())

    # 7. a waiter cancelled after set() woke it: the others are woken anyway
    ev.clear()
    ts = [asyncio.create_task(waiter6(n)) for n in ("j", "k")]
    await asyncio.sleep(0)
    ev.set()
    ts[0].cancel()
    await asyncio.gather(*ts, return_exceptions=True)
    p("7 cancelled", ts[0].cancelled(), ts[1].cancelled())


asyncio.run(main())
