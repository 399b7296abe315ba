# asyncio.sleep(nan) refuses its delay when it runs, at the await, as a
# coroutine does: making it raises nothing, and gather runs the awaitables
# before it first.
import asyncio

from _luastyle import p


async def main():
    try:
        c = asyncio.sleep(float("nan"))
        p("coroutine made")
        await c
    except ValueError as e:
        p("awaited:", e)

    async def other():
        p("other ran")

    try:
        await asyncio.gather(other(), asyncio.sleep(float("nan")))
    except ValueError as e:
        p("gather:", e)

    t = asyncio.create_task(asyncio.sleep(float("nan")))
    p("task made")
    try:
        await t
    except ValueError as e:
        p("task:", e, t.done())


asyncio.run(main())
