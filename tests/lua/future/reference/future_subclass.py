import asyncio
from _luastyle import s, p


class MyFuture(asyncio.Future):
    pass


async def main():
    f = MyFuture()

    async def waiter():
        return await f

    # 1. cancel the task: its future is cancelled, the task ends cancelled
    t = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    p("1 cancel", t.cancel("stop"))
    try:
        await t
    except asyncio.CancelledError as e:
        p("1 task", False, "CancelledError: " + str(e), "future cancelled", f.cancelled())

    # 2. a result set on it wakes the task
    f = MyFuture()
    t = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    f.set_result(42)
    p("2 result", await t)


asyncio.run(main())
