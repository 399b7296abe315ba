import asyncio


from contextlib import aclosing
from _luastyle import s, p


async def ticker(name, n):
    p(name, "starts")
    try:
        for i in range(n):
            await asyncio.sleep(0.01)
            yield i
    finally:
        p(name, "cleanup")


async def main():
    # 1. a full loop: the task suspends at each await inside the generator,
    #    other tasks run meanwhile, the cleanup runs at the end
    async def other():
        for i in range(3):
            p("1 other task runs", i)
            await asyncio.sleep(0.01)

    o = asyncio.create_task(other())
    async with aclosing(ticker("1 gen", 3)) as g:
        async for x in g:
            p("1 got", x)
    p("1 loop done")
    await o

    # 2. breaking out early runs the generator's cleanup at once
    async with aclosing(ticker("2 gen", 10)) as g:
        async for x in g:
            p("2 got", x)
            if x == 1:
                break
    p("2 after break")

    # 3. an error in the loop body also runs the cleanup, then propagates
    try:
        async with aclosing(ticker("3 gen", 10)) as g:
            async for x in g:
                p("3 got", x)
                raise ValueError("stop at " + str(x))
    except ValueError as e:
        p("3 caught", e)

    # 4. an error inside the generator reaches the loop
    async def broken():
        try:
            yield 1
            await asyncio.sleep(0)
            raise ValueError("generator failed")
        finally:
            p("4 gen cleanup")

    try:
        async with aclosing(broken()) as g:
            async for x in g:
                p("4 got", x)
    except ValueError as e:
        p("4 caught", e)

    # 5. cancelling the task while it waits inside the generator runs the
    #    cleanup
    second = asyncio.Event()

    async def consume():
        async with aclosing(ticker("5 gen", 10)) as g:
            async for x in g:
                p("5 got", x)
                if x == 1:
                    second.set()

    t = asyncio.create_task(consume())
    await second.wait()
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        p("5 consumer cancelled")

    # 6. two generators interleaved in two tasks
    async def collect(name, n):
        out = []
        async with aclosing(ticker(name, n)) as g:
            async for x in g:
                out.append(x)
        return out

    r = await asyncio.gather(collect("6a", 2), collect("6b", 3))
    p("6 results", ",".join(map(str, r[0])), ",".join(map(str, r[1])))

    # 7. a generator without cleanup needs no helper (Lua: a plain
    #    coroutine.wrap function that awaits)
    async def squares(n):
        for i in range(1, n + 1):
            await asyncio.sleep(0.01)
            yield i * i

    async for x in squares(3):
        p("7 got", x)

    # 8. one generator, two tasks: a second anext while the first task's is
    #    suspended in an await is refused; the first task goes on unharmed
    async def slow(n):
        for i in range(1, n + 1):
            await asyncio.sleep(0.1)
            yield i

    g = slow(2)

    async def first():
        return [x async for x in g]

    t = asyncio.create_task(first())
    await asyncio.sleep(0.05)
    try:
        await anext(g)
    except RuntimeError as e:
        p("8 refused", e)
    p("8 first got", ",".join(map(str, await t)))


asyncio.run(main())
