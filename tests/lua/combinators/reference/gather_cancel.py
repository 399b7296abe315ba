import asyncio
from _luastyle import s, p, el


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        p("child done", name)
        return name
    except asyncio.CancelledError as e:
        p("child cancelled", name, e)
        raise


async def parent(tag, return_exceptions):
    try:
        rs = await asyncio.gather(
            child(tag + "1", 0.1), child(tag + "2", 0.3), child(tag + "3", 0.4),
            return_exceptions=return_exceptions,
        )
        p("parent got (wrong)", len(rs))
    except asyncio.CancelledError as e:
        p("parent cancelled", tag, e)
        raise


async def main():
    loop = asyncio.get_running_loop()

    # cancelling the task that awaits a gather cancels the children still running
    for tag, return_exceptions in (("a", False), ("b", True)):
        t0 = loop.time()
        t = asyncio.create_task(parent(tag, return_exceptions))
        await asyncio.sleep(0.2)
        p("cancel", tag, t.cancel("stop"))
        try:
            await t
        except asyncio.CancelledError as e:
            p("task cancelled", tag, t.cancelled(), e, el(t0))

    # a nested gather: cancelling the outer one reaches the innermost children
    t0 = loop.time()
    inner = asyncio.gather(child("n1", 0.3), child("n2", 0.3))
    outer = asyncio.gather(inner, child("n3", 0.3))
    await asyncio.sleep(0.1)
    p("cancel outer", outer.cancel())
    try:
        await outer
    except asyncio.CancelledError:
        p("outer raised CancelledError", el(t0))
    p("inner done", inner.done())


asyncio.run(main())
