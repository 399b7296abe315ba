import asyncio
from _luastyle import s, p


async def fail(name, msg):
    await asyncio.sleep(0)
    p(name, "fails")
    raise ValueError(msg)


async def slow(name, delay=1):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        p(name, "cancelled")
        raise
    p(name, "finished")
    return name


def show(eg):
    p("caught", eg)
    p("  is ExceptionGroup", isinstance(eg, ExceptionGroup), "message", eg.message, "count", len(eg.exceptions))
    for e in eg.exceptions:
        p("  -", e)


async def main():
    me = asyncio.current_task()

    # 1. children that succeed: leaving the block waits for all of them
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(slow("1a", 0.01), name="first")
        t2 = tg.create_task(slow("1b", 0.02))  # Lua: tg:spawn(fn, ...)
        p("1 body ends, t1 is named", t1.get_name())
    p("1 after the block:", t1.result(), t2.result())

    # 2. two children fail in the same step: both errors are collected, the
    #    sibling and the body are cancelled
    try:
        async with asyncio.TaskGroup() as tg:
            a = tg.create_task(fail("2a", "boom a"))
            b = tg.create_task(fail("2b", "boom b"))
            c = tg.create_task(slow("2c"))
            p("2 body waits")
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                p("2 body cancelled")
                raise
            p("2 not reached")
    except ExceptionGroup as eg:
        show(eg)
    p("2 states", a.done(), b.done(), c.cancelled(), "cancelling", me.cancelling())
    p("2 a.exception()", a.exception())

    # 3. a child fails while the body is already waiting at the end of the
    #    block
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(slow("3a", 0.01))
            tg.create_task(fail("3c", "late"))
            p("3 body ends")
    except ExceptionGroup as eg:
        show(eg)
    p("3 cancelling", me.cancelling())

    # 4. the body raises: children are cancelled and the body's error joins
    #    the group
    try:
        async with asyncio.TaskGroup() as tg:
            t = tg.create_task(slow("4a"))
            await asyncio.sleep(0)
            raise ValueError("body failed")
    except ExceptionGroup as eg:
        show(eg)
    p("4 child cancelled", t.cancelled())

    # 5. a child that is cancelled on its own is not an error
    async with asyncio.TaskGroup() as tg:
        t = tg.create_task(slow("5a"))
        u = tg.create_task(slow("5b", 0.01))
        await asyncio.sleep(0)
        t.cancel()
    p("5 ok", t.cancelled(), u.result())

    # 6. the body catches the group's cancellation and goes on: the error
    #    group is still raised at the end of the block
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail("6a", "boom"))
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                p("6 body swallows the cancellation")
            p("6 body goes on, cancelling", me.cancelling())
    except ExceptionGroup as eg:
        show(eg)
    p("6 cancelling", me.cancelling())

    # 7. the code after the group runs normally
    await asyncio.sleep(0.01)
    p("7 main still runs")


asyncio.run(main())
