import asyncio, types
from _luastyle import p


@types.coroutine
def bad(v):
    try:
        yield v
    except RuntimeError as e:
        p("caught", e)
    return 5


@types.coroutine
def bad_uncaught(v):
    yield v


async def other():
    for i in range(3):
        p("other", i)
        await asyncio.sleep(0)


async def main():
    t = asyncio.create_task(other())
    await asyncio.sleep(0)
    p("before")
    p("result", await bad(1))
    p("after")
    await t

    # uncaught: the task fails with the RuntimeError
    async def fails():
        await bad_uncaught(7)
    u = asyncio.create_task(fails())
    try:
        await u
    except RuntimeError as e:
        p("task failed:", e)

    # cancelled while the RuntimeError is on its way: CancelledError wins
    async def cancelled():
        try:
            await bad(2)
        except asyncio.CancelledError:
            p("cancelled instead")
            raise
    c = asyncio.create_task(cancelled())
    await asyncio.sleep(0)
    c.cancel()
    try:
        await c
    except asyncio.CancelledError:
        p("c cancelled:", c.cancelled())

asyncio.run(main())
