# gather of tasks made one after another (the common gather of a list of
# tasks, whose results the kernel records as each child finishes, in C),
# beside the same tasks given otherwise: results in argument order whatever
# the order of completion, a child that returns nothing, a child already
# done, two gathers over the same children, a failure under
# return_exceptions, a child cancelled.
import asyncio
from _luastyle import s, p


async def child(i, delay, value):
    await asyncio.sleep(delay)
    return value


def show(label, results):
    p(label, *[s(r) for r in results])


async def main():
    # in a row, finishing in reverse order; the third returns nothing
    ts = [asyncio.create_task(child(i, (5 - i) / 100, None if i == 3 else i * 10)) for i in range(1, 6)]
    show("in a row:", await asyncio.gather(*ts))

    # the same tasks, done already, gathered again (and backwards)
    show("again:", await asyncio.gather(*ts))
    show("backwards:", await asyncio.gather(*reversed(ts)))

    # two gathers over the same children while they run
    ts = [asyncio.create_task(child(i, i / 100, i)) for i in range(1, 4)]
    g1 = asyncio.gather(*ts)
    g2 = asyncio.gather(*ts)
    show("first of two:", await g1)
    show("second of two:", await g2)

    # one child done before the gather, the others in a row
    ts = [asyncio.create_task(child(i, 0 if i == 1 else 0.02, i)) for i in range(1, 4)]
    await asyncio.sleep(0.01)
    show("one done first:", await asyncio.gather(*ts))

    # a failure, return_exceptions
    async def bad():
        await asyncio.sleep(0.01)
        raise ValueError("bad child")

    ts = [asyncio.create_task(child(1, 0.02, 1)), asyncio.create_task(bad()), asyncio.create_task(child(3, 0, 3))]
    show("return_exceptions:", await asyncio.gather(*ts, return_exceptions=True))

    # a child cancelled, return_exceptions
    ts = [asyncio.create_task(child(i, 0.05, i)) for i in range(1, 4)]
    await asyncio.sleep(0)
    ts[1].cancel()
    show("cancelled child:", await asyncio.gather(*ts, return_exceptions=True))

    # the results are a new list each time
    ts = [asyncio.create_task(child(i, 0, i)) for i in range(1, 3)]
    r1 = await asyncio.gather(*ts)
    r1[0] = "changed"
    show("a fresh list:", await asyncio.gather(*ts))


asyncio.run(main())
