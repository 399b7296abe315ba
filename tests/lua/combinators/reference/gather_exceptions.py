import asyncio
from _luastyle import s, p, el


async def work(name, delay, value):
    p("start", name)
    await asyncio.sleep(delay)
    p("end", name)
    return value


async def fail(name, delay):
    p("start", name)
    await asyncio.sleep(delay)
    p("raise", name)
    raise ValueError(name)


async def guarded(name, delay):
    try:
        await asyncio.sleep(delay)
        return name
    except asyncio.CancelledError as e:
        p("cancelled", name, e)
        raise


async def main():
    loop = asyncio.get_running_loop()

    # the first error reaches the awaiter; the other children keep running
    t0 = loop.time()
    g = asyncio.gather(work("a", 0.3, 1), fail("b", 0.1), fail("c", 0.2))
    try:
        await g
    except ValueError as e:
        p("caught", e, el(t0))
    p("gather done", g.done(), "cancelled", g.cancelled(), "exception", g.exception())
    await asyncio.sleep(0.3)
    p("after sleep", el(t0))

    # return_exceptions: errors are returned in place
    rs = await asyncio.gather(work("d", 0.1, 4), fail("e", 0.2), work("f", 0.3, 6), return_exceptions=True)
    p("results", rs[0], rs[1], rs[2])
    p("is ValueError", isinstance(rs[1], ValueError), len(rs))

    # cancelling the gather future cancels its children
    g = asyncio.gather(guarded("g", 0.2), guarded("h", 0.2))
    await asyncio.sleep(0.1)
    p("cancel returns", g.cancel("stop"))
    try:
        await g
    except asyncio.CancelledError as e:
        p("gather raised", e)
    p("gather done", g.done())
    p("cancelling", asyncio.current_task().cancelling())

    # a cancelled child makes gather raise CancelledError; the others go on
    t = asyncio.create_task(guarded("i", 0.3))
    g = asyncio.gather(t, work("j", 0.2, 7))
    await asyncio.sleep(0.1)
    t.cancel("bye")
    try:
        await g
    except asyncio.CancelledError as e:
        p("gather raised", e)
    p("child cancelled", t.cancelled(), "gather done", g.done())
    await asyncio.sleep(0.2)

    # with return_exceptions the cancelled child gives a CancelledError value
    t = asyncio.create_task(guarded("k", 0.3))
    g = asyncio.gather(t, work("l", 0.2, 8), return_exceptions=True)
    await asyncio.sleep(0.1)
    t.cancel()
    rs = await g
    p("results", rs[0], rs[1])
    p("is CancelledError", isinstance(rs[0], asyncio.CancelledError))

    # cancelling a finished gather does nothing
    p("cancel finished", g.cancel())


asyncio.run(main())
