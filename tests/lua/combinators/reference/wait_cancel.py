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


async def main():
    loop = asyncio.get_running_loop()

    # cancelling the task that waits does not cancel the tasks it waits for
    t0 = loop.time()
    ts = [asyncio.create_task(work("a", 0.2), name="a"), asyncio.create_task(work("b", 0.3), name="b")]

    async def waiter():
        try:
            await asyncio.wait(ts)
        except asyncio.CancelledError:
            p("waiter cancelled", el(t0))
            raise

    w = asyncio.create_task(waiter())
    await asyncio.sleep(0.1)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        p("w cancelled", w.cancelled())
    p("tasks cancelled", ts[0].cancelled(), ts[1].cancelled())
    done, pending = await asyncio.wait(ts)
    p("done", names(ts, done), "pending", names(ts, pending), el(t0))

    # a zero timeout returns after one loop turn with what is already done
    t0 = loop.time()
    ts = [asyncio.create_task(work("c", 0.1), name="c"), ts[0]]
    done, pending = await asyncio.wait(ts, timeout=0)
    p("zero timeout done", names(ts, done), "pending", names(ts, pending), el(t0))
    await ts[0]

    # wait inside wait_for: the timeout cancels the wait, not the tasks
    t0 = loop.time()
    ts = [asyncio.create_task(work("d", 0.3), name="d")]
    try:
        await asyncio.wait_for(asyncio.wait(ts), 0.1)
    except TimeoutError:
        p("wait_for timeout", el(t0), "task cancelled", ts[0].cancelled())
    await ts[0]
    p("d finished", el(t0))

    # coroutines are refused: tasks must be created explicitly
    c = work("e", 0.1)
    try:
        await asyncio.wait([c])
    except TypeError as e:
        p("error", e)
    await c


asyncio.run(main())
