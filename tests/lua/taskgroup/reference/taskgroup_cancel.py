import asyncio
from _luastyle import s, p


async def slow(name, delay=1):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError as e:
        p(name, "cancelled:", e)
        raise
    p(name, "finished")
    return name


async def main():
    # 1. the owner is cancelled from outside while the body runs: the child is
    #    cancelled, a plain CancelledError with the message leaves the block
    child = None

    async def owner(label, body_waits):
        nonlocal child
        me = asyncio.current_task()
        try:
            async with asyncio.TaskGroup() as tg:
                child = tg.create_task(slow(label + " child"))
                if body_waits:
                    await asyncio.sleep(1)
                    p(label, "not reached")
                p(label, "body ends")
        except asyncio.CancelledError as e:
            p(label, "block raised", e, "| is ExceptionGroup", isinstance(e, ExceptionGroup),
              "cancelling", me.cancelling())
            raise
        p(label, "not reached either")

    t = asyncio.create_task(owner("1", True))
    await asyncio.sleep(0)
    t.cancel("stop")
    try:
        await t
    except asyncio.CancelledError as e:
        p("1 await raised", e)
    p("1 owner cancelled", t.cancelled(), "child cancelled", child.cancelled())

    # 2. the same while the block waits for its children at the end
    t = asyncio.create_task(owner("2", False))
    await asyncio.sleep(0)
    t.cancel("stop")
    try:
        await t
    except asyncio.CancelledError as e:
        p("2 await raised", e)
    p("2 owner cancelled", t.cancelled(), "child cancelled", child.cancelled())

    # 3. the owner swallows the cancellation after the block and goes on; it
    #    uncancels, so cancelling() is back to 0
    async def survivor():
        me = asyncio.current_task()
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(slow("3 child"))
                await asyncio.sleep(1)
        except asyncio.CancelledError:
            p("3 caught, cancelling", me.cancelling())
            p("3 uncancel ->", me.uncancel())
        await asyncio.sleep(0.01)
        p("3 survivor goes on, cancelling", me.cancelling())
        return "survived"

    t = asyncio.create_task(survivor())
    await asyncio.sleep(0)
    t.cancel()
    p("3 result", await t)

    # 4. a child's failure cancels the owner internally: after the block the
    #    owner's cancelling() is 0 and it can await again
    async def failing():
        await asyncio.sleep(0)
        raise ValueError("child failed")

    async def owner4():
        me = asyncio.current_task()
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(failing())
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    p("4 body cancelled, cancelling", me.cancelling())
                    raise
        except ExceptionGroup as eg:
            p("4 caught", eg, "cancelling", me.cancelling())
        await asyncio.sleep(0.01)
        p("4 owner awaits again")
        return "ok"

    p("4 result", await asyncio.create_task(owner4()))

    # 5. the owner is cancelled from outside just before a child fails: the
    #    ExceptionGroup wins over the CancelledError, and the owner stays
    #    cancelled (its next await raises)
    async def failing_after_cancel(owner_task):
        await asyncio.sleep(0)
        owner_task.cancel()
        raise ValueError("child failed too")

    async def owner5():
        me = asyncio.current_task()
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(failing_after_cancel(me))
                await asyncio.sleep(1)
        except ExceptionGroup as eg:
            p("5 caught", eg, "cancelling", me.cancelling())
        try:
            await asyncio.sleep(0.01)
        except asyncio.CancelledError:
            p("5 the next await is cancelled")
            raise

    t = asyncio.create_task(owner5())
    try:
        await t
    except asyncio.CancelledError:
        p("5 owner cancelled", t.cancelled())


asyncio.run(main())
