# cancel() on a future or task that already failed returns False and counts
# as retrieving its error: nothing is reported when it is collected (as
# Future.cancel and Task.cancel clear _log_traceback before they look at the
# state). A gather's future keeps its report (_GatheringFuture.cancel does
# not), and an error nobody looked at is reported with the class's name.
import asyncio
import gc

from _luastyle import p


async def collect():
    gc.collect()
    await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda lp, ctx: p("reported:", ctx["message"], ctx["exception"]))

    fut = loop.create_future()
    fut.set_exception(ValueError("future"))
    p("1 future cancel", fut.cancel(), fut.cancelled())
    del fut
    await collect()

    async def bad(msg):
        raise ValueError(msg)

    t = asyncio.create_task(bad("task"))
    await asyncio.sleep(0)
    p("2 task cancel", t.cancel(), t.cancelled(), t.cancelling())
    del t
    await collect()

    fut = loop.create_future()
    fut.set_exception(ValueError("not cancelled"))
    del fut
    await collect()
    p("3 after an uncancelled future")

    g = asyncio.gather(bad("gathered"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    p("4 gather cancel", g.cancel(), g.done())
    del g
    await collect()
    p("end")


asyncio.run(main())
