import asyncio
from _luastyle import s, p, el


async def slow(name, delay):
    try:
        p("start", name)
        await asyncio.sleep(delay)
        p("end", name)
        return name
    finally:
        p("cleanup", name)


async def main():
    loop = asyncio.get_running_loop()

    # the result arrives before the deadline
    t0 = loop.time()
    r = await asyncio.wait_for(slow("a", 0.1), 0.3)
    p("result", r, el(t0))

    # the deadline passes: the inner coroutine is cancelled, then TimeoutError
    t0 = loop.time()
    try:
        await asyncio.wait_for(slow("b", 0.5), 0.1)
    except TimeoutError as e:
        p("timeout", e, "cause", e.__cause__, el(t0))
    p("cancelling", asyncio.current_task().cancelling())

    # no deadline
    t0 = loop.time()
    r = await asyncio.wait_for(slow("c", 0.2), None)
    p("result", r, el(t0))

    # a task: it is cancelled when the deadline passes
    t = asyncio.create_task(slow("d", 0.5))
    try:
        await asyncio.wait_for(t, 0.1)
    except TimeoutError as e:
        p("timeout", e)
    p("task cancelled", t.cancelled())

    # a task that is already done gives its result even with a zero timeout
    t = asyncio.create_task(slow("e", 0.1))
    await asyncio.sleep(0.2)
    r = await asyncio.wait_for(t, 0)
    p("result", r)

    # a zero timeout on a coroutine: it never starts
    try:
        await asyncio.wait_for(slow("g", 0.1), 0)
    except TimeoutError as e:
        p("zero timeout", e)

    # an error from inside passes through unchanged
    async def boom():
        await asyncio.sleep(0.1)
        raise ValueError("boom")

    try:
        await asyncio.wait_for(boom(), 0.3)
    except ValueError as e:
        p("error", e)

    # wait_for itself can be cancelled from outside: inner is cancelled too
    async def waiter():
        try:
            await asyncio.wait_for(slow("f", 0.5), 0.3)
        except TimeoutError:
            p("waiter timeout (wrong)")
        except asyncio.CancelledError:
            p("waiter cancelled")
            raise

    w = asyncio.create_task(waiter())
    await asyncio.sleep(0.1)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        p("w cancelled", w.cancelled())


asyncio.run(main())
