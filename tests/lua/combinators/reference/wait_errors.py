# asyncio.wait's own errors come when it is awaited (its checks are in its
# coroutine), so a try around the await catches them; and with
# FIRST_EXCEPTION the error of a future that completed first is retrieved
# (wait read its exception()), so nothing says it was never retrieved; with
# ALL_COMPLETED it is not.
import asyncio
import gc

from _luastyle import p


async def fails(msg):
    raise ValueError(msg)


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda lp, ctx: p("handler:", ctx["message"], ctx.get("exception")))
    for what, make in [
        ("empty", lambda: asyncio.wait([])),
        ("return_when", lambda: asyncio.wait([asyncio.ensure_future(asyncio.sleep(0))], return_when="bogus")),
        ("a future, not a list", lambda: asyncio.wait(asyncio.ensure_future(asyncio.sleep(0)))),
        ("a coroutine, not a list", lambda: asyncio.wait(asyncio.sleep(0))),
    ]:
        aw = make()
        p(what + ": made")
        try:
            await aw
        except (ValueError, TypeError) as e:
            p(what + ":", e)
    await asyncio.sleep(0)

    t = asyncio.create_task(fails("first"))
    s = asyncio.create_task(asyncio.sleep(0.5))
    done, pending = await asyncio.wait([t, s], return_when=asyncio.FIRST_EXCEPTION)
    p("FIRST_EXCEPTION:", len(done), len(pending))
    await s
    del t, done
    gc.collect()
    await asyncio.sleep(0)
    p("after FIRST_EXCEPTION")

    t = asyncio.create_task(fails("all"))
    s = asyncio.create_task(asyncio.sleep(0.5))
    done, pending = await asyncio.wait([t, s])
    p("ALL_COMPLETED:", len(done), len(pending))
    del t, done
    gc.collect()
    await asyncio.sleep(0)
    p("after ALL_COMPLETED")


asyncio.run(main())
