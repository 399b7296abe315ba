import asyncio
from _luastyle import s, p, el


async def child():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(None) as cm:
            cm.reschedule(loop.time() - 1)
            asyncio.current_task().cancel()
            p("child cancelling", asyncio.current_task().cancelling())
            await asyncio.sleep(1)
            p("not reached")
    except TimeoutError:
        p("timeout (wrong)")
    except asyncio.CancelledError:
        p("child cancelled", "expired", cm.expired(), "cancelling", asyncio.current_task().cancelling())
        raise


async def child2():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(None) as cm:
            cm.reschedule(loop.time() - 1)
            p("child2 cancelling", asyncio.current_task().cancelling())
            await asyncio.sleep(1)
            p("not reached")
    except TimeoutError:
        p("child2 timeout", "expired", cm.expired(), "cancelling", asyncio.current_task().cancelling())
    return "child2 result"


async def main():
    # the deadline passes while a cancel is also pending: the cancel wins
    t = asyncio.create_task(child())
    try:
        await t
    except asyncio.CancelledError:
        p("task cancelled", t.cancelled())

    # a deadline in the past fires at the first await
    t = asyncio.create_task(child2())
    p(await t, "cancelling", t.cancelling())

    # a timeout that caught its own cancel leaves the task usable
    async def child3():
        try:
            async with asyncio.timeout(0.1):
                await asyncio.sleep(1)
        except TimeoutError:
            p("child3 timeout")
        await asyncio.sleep(0.1)
        p("child3 slept after timeout")
        async with asyncio.timeout(0.2):
            await asyncio.sleep(0.1)
        p("child3 second block ok")
        return "child3 result"

    t = asyncio.create_task(child3())
    p(await t)


asyncio.run(main())
