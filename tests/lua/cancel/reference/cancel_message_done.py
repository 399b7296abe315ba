# cancel(msg) of a task, a Future or a gather that is already done answers
# False without looking at msg: a msg whose __str__ raises changes nothing.
# Also a gather whose only child is done while the gather waits for its
# callback: no child takes the cancel, so it answers False.
import asyncio
from _luastyle import lua


class Bad:
    def __str__(self):
        raise RuntimeError("cm")


async def main():
    t = asyncio.create_task(asyncio.sleep(0, "done"))
    await t
    print("done task:", lua(t.cancel(Bad())), lua(t.cancelled()), t.result(), sep="\t")

    async def boom():
        raise ValueError("x")

    failed = asyncio.create_task(boom())
    await asyncio.sleep(0)
    print("failed task:", lua(failed.cancel(Bad())), type(failed.exception()).__name__, sep="\t")

    c = asyncio.create_task(asyncio.sleep(1))
    c.cancel()
    try:
        await c
    except asyncio.CancelledError:
        pass
    print("cancelled task:", lua(c.cancel(Bad())), sep="\t")

    f = asyncio.get_running_loop().create_future()
    f.set_result(1)
    print("done future:", lua(f.cancel(Bad())), f.result(), sep="\t")

    g = asyncio.gather(asyncio.sleep(0, "g"))
    await g
    print("done gather:", lua(g.cancel(Bad())), g.result()[0], sep="\t")

    child = asyncio.get_running_loop().create_future()
    g = asyncio.gather(child)
    child.set_result("c")
    print("gather of a done child:", lua(g.done()), lua(g.cancel(Bad())), (await g)[0], sep="\t")


asyncio.run(main())
