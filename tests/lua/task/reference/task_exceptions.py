import asyncio
from _luastyle import lua, fmt


async def boom(msg, delay):
    print(f"boom {msg} start")
    await asyncio.sleep(delay)
    print(f"boom {msg} raising")
    raise ValueError(msg)


async def middle():
    print("middle awaits boom")
    try:
        return await boom("deep", 0.01)
    finally:
        print("middle cleanup")


async def top():
    print("top awaits middle")
    return await middle()


async def main():
    # awaiting a failed task re-raises its error
    t = asyncio.create_task(boom("one", 0.01))
    try:
        await t
    except ValueError as e:
        print(f"await raised {fmt(e)}")
    print(f"done={lua(t.done())} cancelled={lua(t.cancelled())}")
    print(f"exception() -> {fmt(t.exception())}")
    try:
        t.result()
    except ValueError as e:
        print(f"result() raised {fmt(e)}")
    # awaiting it again raises the same error again
    try:
        await t
    except ValueError as e:
        print(f"second await raised {fmt(e)} same={lua(e is t.exception())}")

    # exception() of a task that succeeded is None
    async def fine():
        return 1

    ok = asyncio.create_task(fine())
    await ok
    print(f"exception() of ok task -> {lua(ok.exception())}")

    # an error travels through inline awaits and through tasks
    t = asyncio.create_task(top())
    try:
        await t
    except ValueError as e:
        print(f"through chain: {fmt(e)}")

    # an error raised before the first await
    async def early():
        raise RuntimeError("early failure")

    t = asyncio.create_task(early())
    print("early task created")
    await asyncio.sleep(0)
    print(f"early done={lua(t.done())} exception={fmt(t.exception())}")

    # a failing task does not disturb the others
    async def steady(n):
        for i in range(n):
            print(f"steady {i}")
            await asyncio.sleep(0.01)
        return "steady done"

    s = asyncio.create_task(steady(3))
    b = asyncio.create_task(boom("side", 0.015))
    print(await s)
    try:
        await b
    except ValueError as e:
        print(f"side task {fmt(e)}")

    # raising from an except block of another error
    async def reraiser():
        try:
            await boom("inner", 0)
        except ValueError as e:
            raise RuntimeError(f"wrapped {e}") from e

    t = asyncio.create_task(reraiser())
    try:
        await t
    except RuntimeError as e:
        print(f"{fmt(e)} cause={fmt(e.__cause__)}")
    print("main end")


asyncio.run(main())
