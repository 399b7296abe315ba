import asyncio
from _luastyle import s, p, el


async def work(x):
    p("run", x)
    await asyncio.sleep(0)
    return x


async def main():
    loop = asyncio.get_running_loop()

    # an awaitable given more than once counts once, and its result comes
    # back at each of its places: a pending task...
    t = asyncio.create_task(work(1))
    rs = await asyncio.gather(t, t, work(2), t)
    p("results", rs[0], rs[1], rs[2], rs[3], "n", len(rs))

    # ...a coroutine object (one task for both places)...
    c = work(3)
    rs = await asyncio.gather(c, c)
    p("results", rs[0], rs[1], "n", len(rs))

    # ...a future already done...
    f = loop.create_future()
    f.set_result(4)
    rs = await asyncio.gather(f, f)
    p("results", rs[0], rs[1])

    # ...pending futures and tasks interleaved
    f2 = loop.create_future()
    loop.call_later(0.01, f2.set_result, 5)
    t2 = asyncio.create_task(work(6))
    rs = await asyncio.gather(f2, t2, f2, t2)
    p("results", rs[0], rs[1], rs[2], rs[3])

    # a task already done, twice: the gathering is done at once
    g = asyncio.gather(t, t)
    p("done at once", g.done())
    rs = await g
    p("results", rs[0], rs[1])

    # one failing child given twice fails the gathering once
    async def boom():
        await asyncio.sleep(0)
        raise ValueError("boom")
    b = asyncio.create_task(boom())
    try:
        await asyncio.gather(b, b)
    except ValueError as e:
        p("raised", s(e))
    rs = await asyncio.gather(b, b, return_exceptions=True)
    p("returned", s(rs[0]), s(rs[1]))


asyncio.run(main())
