import asyncio
from _luastyle import s, p


async def fail(name, msg, delay=0):
    await asyncio.sleep(delay)
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


def show(eg, indent=""):
    p(indent + "caught", eg)
    for e in eg.exceptions:
        if isinstance(e, ExceptionGroup):
            show(e, indent + "  ")
        else:
            p(indent + "  -", e)


async def main():
    me = asyncio.current_task()

    # 1. an inner group's failure cancels the outer group's other children;
    #    the outer group collects the inner ExceptionGroup
    try:
        async with asyncio.TaskGroup() as outer:
            outer.create_task(slow("1 outer child"))
            async with asyncio.TaskGroup() as inner:
                inner.create_task(slow("1 inner child"))
                inner.create_task(fail("1 inner failing child", "inner boom"))
            p("1 not reached")
    except ExceptionGroup as eg:
        show(eg)
    p("1 cancelling", me.cancelling())

    # 2. the inner group's error is handled inside the outer group: the outer
    #    group is unaffected
    async with asyncio.TaskGroup() as outer:
        o = outer.create_task(slow("2 outer child", 0.05))
        try:
            async with asyncio.TaskGroup() as inner:
                inner.create_task(fail("2 inner failing child", "handled"))
                inner.create_task(slow("2 inner child"))
        except ExceptionGroup as eg:
            show(eg, "2 ")
        p("2 outer body goes on")
    p("2 outer child result", o.result())

    # 3. an outer child fails while the inner group is running: the inner
    #    group's children are cancelled, the outer body sees a plain
    #    CancelledError from the inner block
    try:
        async with asyncio.TaskGroup() as outer:
            outer.create_task(fail("3 outer failing child", "outer boom", 0.01))
            try:
                async with asyncio.TaskGroup() as inner:
                    inner.create_task(slow("3 inner child"))
            except asyncio.CancelledError as e:
                p("3 inner block raised", e, "cancelling", me.cancelling())
                raise
    except ExceptionGroup as eg:
        show(eg)
    p("3 cancelling", me.cancelling())

    # 4. a child task running its own group
    async def child_with_group(name):
        async with asyncio.TaskGroup() as g:
            g.create_task(slow(name + " grandchild"))
            g.create_task(fail(name + " failing grandchild", name + " boom", 0.01))

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child_with_group("4a"))
            tg.create_task(slow("4 sibling"))
    except ExceptionGroup as eg:
        show(eg)


asyncio.run(main())
