import asyncio
from _luastyle import lua, fmt


async def main():
    loop = asyncio.get_running_loop()

    # 1. a task that cancels itself is interrupted at its next await
    async def self_cancel():
        print(f"self: cancel -> {lua(asyncio.current_task().cancel('myself'))}")
        print("self: still running")
        try:
            await asyncio.sleep(0)
        except asyncio.CancelledError as e:
            print(f"self: {fmt(e)} at the next await")
            raise

    t = asyncio.create_task(self_cancel())
    try:
        await t
    except asyncio.CancelledError:
        print(f"self_cancel cancelled={lua(t.cancelled())}")

    # 2. a task that cancels itself and then awaits a future cancels the future
    fut = loop.create_future()

    async def self_cancel_future():
        asyncio.current_task().cancel()
        try:
            await fut
        except asyncio.CancelledError:
            print(f"future cancelled={lua(fut.cancelled())}")
            raise

    t = asyncio.create_task(self_cancel_future())
    try:
        await t
    except asyncio.CancelledError:
        print("self_cancel_future cancelled")

    # 2b. the same with a sleep: interrupted at once, not after the delay
    async def self_cancel_sleep():
        asyncio.current_task().cancel()
        t0 = loop.time()
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            print(f"sleep interrupted after {loop.time() - t0:.1f}")
            raise

    t = asyncio.create_task(self_cancel_sleep())
    try:
        await t
    except asyncio.CancelledError:
        print("self_cancel_sleep cancelled")

    # 3. cancel after the awaited future got its result but before the task
    #    resumed: the cancellation wins and the result is dropped
    fut = loop.create_future()

    async def wait_fut():
        try:
            v = await fut
            print(f"wait_fut got {v}")
        except asyncio.CancelledError as e:
            print(f"wait_fut: {fmt(e)} instead of the result")
            raise

    t = asyncio.create_task(wait_fut())
    await asyncio.sleep(0)
    fut.set_result("late result")
    print(f"cancel -> {lua(t.cancel('too late'))}")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"wait_fut {fmt(e)}")

    # 4. cancel then uncancel before the first step: the body runs normally
    async def body():
        print("body runs")
        await asyncio.sleep(0.01)
        return "body result"

    t = asyncio.create_task(body())
    t.cancel()
    print(f"cancelling={t.cancelling()} uncancel -> {t.uncancel()}")
    print(await t)
    print(f"cancelled={lua(t.cancelled())}")

    # 5. cancel of a task that already finished but was not awaited
    async def quick():
        return "quick"

    t = asyncio.create_task(quick())
    await asyncio.sleep(0)
    print(f"done={lua(t.done())} cancel -> {lua(t.cancel())} result={t.result()}")

    # 6. callbacks of a task cancelled before it ever ran
    t = asyncio.create_task(body())
    t.add_done_callback(lambda f: print(f"callback cancelled={lua(f.cancelled())}"))
    t.cancel()
    await asyncio.sleep(0)
    print("after first sleep(0)")
    await asyncio.sleep(0)
    print("main end")


asyncio.run(main())
