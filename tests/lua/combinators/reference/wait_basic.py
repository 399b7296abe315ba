import asyncio
from _luastyle import s, p, el


def names(aws, subset):
    # the tasks of subset, in the order they were given
    out = [t.get_name() for t in aws if t in subset]
    return " ".join(out) if out else "-"


async def work(name, delay):
    await asyncio.sleep(delay)
    p("end", name)
    return name


async def fail(name, delay):
    await asyncio.sleep(delay)
    p("raise", name)
    raise ValueError(name)


async def main():
    loop = asyncio.get_running_loop()

    # FIRST_COMPLETED
    t0 = loop.time()
    ts = [asyncio.create_task(work(n, d), name=n) for n, d in (("a", 0.3), ("b", 0.1), ("c", 0.2))]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    p("1 done", names(ts, done), "pending", names(ts, pending), el(t0))

    # ALL_COMPLETED is the default
    done, pending = await asyncio.wait(ts)
    p("2 done", names(ts, done), "pending", names(ts, pending), el(t0))
    p("2 results", ts[0].result(), ts[1].result(), ts[2].result())

    # FIRST_EXCEPTION stops at the first error
    t0 = loop.time()
    ts = [
        asyncio.create_task(work("d", 0.1), name="d"),
        asyncio.create_task(work("e", 0.3), name="e"),
        asyncio.create_task(fail("f", 0.2), name="f"),
    ]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    p("3 done", names(ts, done), "pending", names(ts, pending), el(t0))
    p("3 exception", ts[2].exception())

    # FIRST_EXCEPTION without errors waits for all
    t0 = loop.time()
    ts = [asyncio.create_task(work(n, d), name=n) for n, d in (("g", 0.2), ("h", 0.1))]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    p("4 done", names(ts, done), "pending", names(ts, pending), el(t0))

    # a timeout returns what is done; nothing is cancelled
    t0 = loop.time()
    ts = [asyncio.create_task(work(n, d), name=n) for n, d in (("i", 0.3), ("j", 0.1))]
    done, pending = await asyncio.wait(ts, timeout=0.2)
    p("5 done", names(ts, done), "pending", names(ts, pending), el(t0))
    p("5 cancelled", ts[0].cancelled())
    p("5 result", await ts[0], el(t0))

    # a timeout with nothing done
    t0 = loop.time()
    ts = [asyncio.create_task(work("k", 0.2), name="k")]
    done, pending = await asyncio.wait(ts, timeout=0.1)
    p("6 done", names(ts, done), "pending", names(ts, pending), el(t0))
    await ts[0]

    # tasks that are already done: FIRST_COMPLETED returns at once
    t0 = loop.time()
    ts = [asyncio.create_task(work("l", 0.1), name="l"), asyncio.create_task(work("m", 0.3), name="m")]
    await asyncio.sleep(0.2)
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    p("7 done", names(ts, done), "pending", names(ts, pending), el(t0))
    await ts[1]

    # futures can be waited on too
    f = loop.create_future()
    loop.call_later(0.1, f.set_result, "F")
    done, pending = await asyncio.wait([f])
    p("8 future", f in done, f.result())

    # an empty collection is an error
    try:
        await asyncio.wait([])
    except ValueError as e:
        p("9", e)


asyncio.run(main())
