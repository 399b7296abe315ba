# Where in its iteration a gather completes, when its children finish in
# one iteration with another task's step between them: the outer future is
# done only in the callback of the child that finished last, so a task
# woken between two children's callbacks sees it pending; and when the
# outer future's own callback runs. Each watcher prints once an iteration.
import asyncio

from _luastyle import p


async def fails():
    await asyncio.sleep(0)
    raise ValueError("c1")


async def returns(v):
    await asyncio.sleep(0)
    return v


async def watch(box, label):
    for i in range(4):
        await asyncio.sleep(0)
        p(label, i, "outer done:", box["outer"].done())


def shown(results):
    return "[" + ", ".join(type(r).__name__ if isinstance(r, BaseException) else str(r) for r in results) + "]"


async def main():
    loop = asyncio.get_running_loop()
    # A: a child that fails, another task, then a child that returns
    # (return_exceptions: the failure is a result).
    box = {}
    c1 = asyncio.create_task(fails())
    z = asyncio.create_task(watch(box, "A"))
    c2 = asyncio.create_task(returns(2))
    box["outer"] = asyncio.gather(c1, c2, return_exceptions=True)
    box["outer"].add_done_callback(lambda o: p("A outer callback:", shown(o.result())))
    await z
    await box["outer"]

    # B: a Future set from a callback, another task, then a child that
    # returns.
    box = {}
    f = loop.create_future()
    z = asyncio.create_task(watch(box, "B"))
    c3 = asyncio.create_task(returns(3))
    box["outer"] = asyncio.gather(f, c3)
    box["outer"].add_done_callback(lambda o: p("B outer callback:", shown(o.result())))
    loop.call_soon(loop.call_soon, f.set_result, 1)
    await z
    await box["outer"]

    # C: children that return, with another task's step between them.
    box = {}
    t1 = asyncio.create_task(returns(1))
    z = asyncio.create_task(watch(box, "C"))
    t2 = asyncio.create_task(returns(2))
    t3 = asyncio.create_task(returns(3))
    box["outer"] = asyncio.gather(t1, t2, t3)
    box["outer"].add_done_callback(lambda o: p("C outer callback:", shown(o.result())))
    await z
    await box["outer"]


asyncio.run(main())
