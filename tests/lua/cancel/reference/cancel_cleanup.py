import asyncio
from _luastyle import fmt


class Resource:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        print(f"{self.name} open")
        await asyncio.sleep(0.01)
        return self

    async def __aexit__(self, et, e, tb):
        print(f"{self.name} closing after {fmt(e) if e else 'success'}")
        await asyncio.sleep(0.1)
        print(f"{self.name} closed")
        return False


async def user(name, work):
    async with Resource(name):
        print(f"{name} working")
        await asyncio.sleep(work)
        if work < 0.05:
            raise ValueError(f"{name} failed")
        print(f"{name} work done")
    return f"{name} result"


async def with_finally(name):
    try:
        print(f"{name} sleeping")
        await asyncio.sleep(1)
    finally:
        print(f"{name} finally starts")
        await asyncio.sleep(0.1)
        print(f"{name} finally ends")


async def main():
    loop = asyncio.get_running_loop()

    # cleanup that awaits runs to the end before the awaiter sees the error
    t = asyncio.create_task(user("r1", 1))
    await asyncio.sleep(0.05)
    t0 = loop.time()
    t.cancel("stop")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"r1: {fmt(e)} after {loop.time() - t0:.1f}")

    # normal exit and error exit run the same cleanup
    print(await user("r2", 0.05))
    try:
        await user("r3", 0.01)
    except ValueError as e:
        print(f"r3: {fmt(e)}")

    # a finally block that awaits after cancellation
    t = asyncio.create_task(with_finally("f1"))
    await asyncio.sleep(0)
    t0 = loop.time()
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"f1: {fmt(e)} after {loop.time() - t0:.1f}")

    # a second cancel interrupts the cleanup itself
    t = asyncio.create_task(with_finally("f2"))
    await asyncio.sleep(0)
    t.cancel("first")
    await asyncio.sleep(0.05)
    t.cancel("second")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"f2: {fmt(e)} cancelling={t.cancelling()}")
    print("main end")


asyncio.run(main())
