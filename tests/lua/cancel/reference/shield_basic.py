import asyncio
from _luastyle import s, p, el


async def inner(name, delay):
    p("inner start", name)
    await asyncio.sleep(delay)
    p("inner done", name)
    return "value " + name


async def fail(delay):
    await asyncio.sleep(delay)
    raise ValueError("inner failed")


async def main():
    loop = asyncio.get_running_loop()

    # 1. the waiter is cancelled; the shielded task carries on
    inner_t = asyncio.create_task(inner("a", 0.2))

    async def waiter():
        try:
            r = await asyncio.shield(inner_t)
            p("waiter got", r)
        except asyncio.CancelledError:
            p("waiter cancelled")
            raise

    w = asyncio.create_task(waiter())
    await asyncio.sleep(0.1)
    w.cancel()
    await asyncio.sleep(0.05)
    p("1 waiter cancelled", w.cancelled(), "inner done", inner_t.done())
    r = await inner_t
    p("1 inner result", r)

    # 2. shield of a coroutine: it is wrapped in a task that outlives the cancel
    async def waiter2():
        try:
            await asyncio.shield(inner("b", 0.2))
        except asyncio.CancelledError:
            p("waiter2 cancelled")
            raise

    w = asyncio.create_task(waiter2())
    await asyncio.sleep(0.1)
    w.cancel()
    await asyncio.sleep(0.2)
    p("2 waiter2 cancelled", w.cancelled())

    # 3. without cancellation, shield just passes the result through
    r = await asyncio.shield(inner("c", 0.1))
    p("3 result", r)

    # 4. the shield of a finished future is that future
    f = loop.create_future()
    f.set_result(1)
    p("4 same", asyncio.shield(f) is f)

    # 5. cancelling the inner task cancels the shield's future
    inner_t = asyncio.create_task(inner("d", 0.3))
    s = asyncio.shield(inner_t)
    await asyncio.sleep(0.1)
    inner_t.cancel()
    try:
        await s
    except asyncio.CancelledError:
        p("5 shield cancelled", s.cancelled(), inner_t.cancelled())

    # 6. an error from inside passes through the shield
    try:
        await asyncio.shield(fail(0.1))
    except ValueError as e:
        p("6 error", e)

    # 7. cancelling the shield's future directly leaves the inner task alone
    inner_t = asyncio.create_task(inner("e", 0.2))
    s = asyncio.shield(inner_t)
    await asyncio.sleep(0.1)
    p("7 cancel", s.cancel(), s.cancelled(), inner_t.cancelled())
    r = await inner_t
    p("7 inner result", r)


asyncio.run(main())
