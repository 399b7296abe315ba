import asyncio
from _luastyle import lua, fmt


async def sleeper(name, delay):
    print(f"{name} start")
    try:
        await asyncio.sleep(delay)
    except BaseException as e:
        print(f"{name} cleanup after {fmt(e)}")
        raise
    print(f"{name} finished sleeping")
    return name


async def main():
    # 1. cancel a sleeping task with a message
    t = asyncio.create_task(sleeper("t1", 1))
    await asyncio.sleep(0)
    print(f"cancel -> {lua(t.cancel('bye'))}")
    print(f"done={lua(t.done())} cancelling={t.cancelling()}")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"await raised {fmt(e)}")
    print(f"done={lua(t.done())} cancelled={lua(t.cancelled())}")
    # (only the class: CPython hands the original message to the first
    # retrieval only)
    try:
        t.result()
    except asyncio.CancelledError:
        print("result() raised CancelledError")
    try:
        t.exception()
    except asyncio.CancelledError:
        print("exception() raised CancelledError")
    print(f"cancel done task -> {lua(t.cancel())}")

    # 2. cancel before the first step: the body never runs
    t = asyncio.create_task(sleeper("t2", 1))
    print(f"cancel -> {lua(t.cancel())}")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"await raised {fmt(e)}")
    print(f"cancelled={lua(t.cancelled())}")

    # 3. cancel a task that is ready to run (after sleep(0))
    async def spinner():
        for i in range(5):
            print(f"spin {i}")
            await asyncio.sleep(0)
        return "spun"

    t = asyncio.create_task(spinner())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.cancel()
    print("spinner cancel requested")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"spinner {fmt(e)}")

    # 4. a task that catches CancelledError and returns a value
    async def stubborn():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError as e:
            print(f"stubborn caught {fmt(e)}")
            task = asyncio.current_task()
            print(f"stubborn cancelling={task.cancelling()}")
            print(f"uncancel -> {task.uncancel()}")
            print(f"uncancel -> {task.uncancel()}")
            print(f"uncancel -> {task.uncancel()}")
        await asyncio.sleep(0.01)
        print("stubborn keeps going")
        return "survived"

    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    t.cancel("first")
    t.cancel()
    print(f"cancelling after two cancels={t.cancelling()}")
    r = await t
    print(f"stubborn returned {r} cancelled={lua(t.cancelled())}")

    # 5. cancelling a task that awaits another task cancels the inner one
    inner = asyncio.create_task(sleeper("inner", 1))

    async def outer():
        print("outer awaits inner")
        try:
            return await inner
        finally:
            print("outer cleanup")

    o = asyncio.create_task(outer())
    await asyncio.sleep(0)
    o.cancel("stop")
    try:
        await o
    except asyncio.CancelledError as e:
        print(f"outer {fmt(e)}")
    print(f"inner cancelled={lua(inner.cancelled())} outer cancelled={lua(o.cancelled())}")

    # 6. cancelling a task that awaits a future cancels the future
    fut = asyncio.get_running_loop().create_future()

    async def wait_fut():
        return await fut

    w = asyncio.create_task(wait_fut())
    await asyncio.sleep(0)
    w.cancel()
    print(f"future cancelled right away={lua(fut.cancelled())}")
    try:
        await w
    except asyncio.CancelledError as e:
        print(f"waiter {fmt(e)}")

    # 7. cancelling the awaited task leaves the awaiter running
    inner = asyncio.create_task(sleeper("inner2", 1))

    async def awaiter():
        try:
            await inner
        except asyncio.CancelledError as e:
            print(f"awaiter saw {fmt(e)}")
        return "awaiter ok"

    a = asyncio.create_task(awaiter())
    await asyncio.sleep(0)
    inner.cancel("inner only")
    r = await a
    print(f"{r} cancelled={lua(a.cancelled())} cancelling={a.cancelling()}")
    print("main end")


asyncio.run(main())
