import asyncio
from _luastyle import lua, fmt


async def level(name, child):
    print(f"{name} enters")
    try:
        if child is None:
            await asyncio.sleep(1)
            return f"{name} slept"
        return await child
    except asyncio.CancelledError as e:
        print(f"{name} sees {fmt(e)}")
        raise
    finally:
        print(f"{name} leaves")


async def main():
    # 1. cancelling the outermost of three chained tasks: the innermost is
    #    cancelled first and the cleanups run from the inside out
    c = asyncio.create_task(level("c", None))
    b = asyncio.create_task(level("b", c))
    a = asyncio.create_task(level("a", b))
    await asyncio.sleep(0)
    a.cancel("from main")
    try:
        await a
    except asyncio.CancelledError as e:
        print(f"main: a {fmt(e)}")
    print(f"cancelled a={lua(a.cancelled())} b={lua(b.cancelled())} c={lua(c.cancelled())}")
    print(f"cancelling a={a.cancelling()} b={b.cancelling()} c={c.cancelling()}")

    # 2. cancelling the middle one: the outer one sees CancelledError from
    #    its await but was not cancelled itself
    c = asyncio.create_task(level("c2", None))
    b = asyncio.create_task(level("b2", c))
    a = asyncio.create_task(level("a2", b))
    await asyncio.sleep(0)
    b.cancel()
    try:
        await a
    except asyncio.CancelledError as e:
        print(f"main: a2 {fmt(e)}")
    print(f"cancelled a2={lua(a.cancelled())} b2={lua(b.cancelled())} c2={lua(c.cancelled())}")
    print(f"cancelling a2={a.cancelling()} b2={b.cancelling()} c2={c.cancelling()}")

    # 3. the inner task swallows the cancellation and returns a value: the
    #    outer task receives the value and is not cancelled
    async def swallower():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print("swallower swallows")
        return "swallowed"

    inner = asyncio.create_task(swallower())

    async def outer():
        r = await inner
        print(f"outer got {r}, cancelling={asyncio.current_task().cancelling()}")
        await asyncio.sleep(0.01)
        return "outer finished"

    o = asyncio.create_task(outer())
    await asyncio.sleep(0)
    o.cancel()
    print(await o)
    print(f"outer cancelled={lua(o.cancelled())} inner cancelled={lua(inner.cancelled())}")

    # 4. cancellation reaches through inline awaits of coroutines
    async def deepest():
        try:
            await asyncio.sleep(1)
        finally:
            print("deepest cleanup")

    async def middle():
        try:
            await deepest()
        finally:
            print("middle cleanup")

    t = asyncio.create_task(middle())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print(f"inline chain cancelled={lua(t.cancelled())}")

    # 5. several tasks awaiting one task: cancelling the awaited task wakes
    #    them all in the order they started waiting
    shared = asyncio.create_task(level("shared", None))

    async def waiter(name):
        try:
            await shared
        except asyncio.CancelledError:
            # only the class: CPython gives the message to the first
            # retrieval only
            print(f"{name} woke with CancelledError")

    ws = [asyncio.create_task(waiter(n)) for n in ("w1", "w2", "w3")]
    await asyncio.sleep(0)
    shared.cancel("shared gone")
    for w in ws:
        await w
    print("main end")


asyncio.run(main())
