# The loop's exception handler: told of a callback's error, of a task's
# error never retrieved and of what call_exception_handler passes it; an
# error in the handler does not stop the loop; nil/None puts back the
# default. (exception_handler.lua prints the same lines; "at FILE:LINE" is
# shown as "at HERE".)
import asyncio
import gc
import re

from _luastyle import p


def norm(s):
    return re.sub(r" at [^ ]+:\d+", " at HERE", s)


def boom():
    raise ValueError("boom")


async def main():
    loop = asyncio.get_running_loop()
    p("default:", loop.get_exception_handler())
    seen = []

    def handler(lp, ctx):
        seen.append(ctx)
        keys = sorted(k for k in ctx if k not in ("message", "exception"))
        p("handler:", lp is loop, norm(ctx["message"]), ctx.get("exception"), " ".join(keys))

    loop.set_exception_handler(handler)
    p("set:", loop.get_exception_handler() is handler)
    loop.call_soon(boom)
    await asyncio.sleep(0)

    async def fails():
        raise ValueError("lost")

    t = asyncio.create_task(fails())
    await asyncio.sleep(0)
    del t
    gc.collect()
    await asyncio.sleep(0)

    ctx = {"message": "from the user", "detail": 42}
    loop.call_exception_handler(ctx)
    p("same table:", seen[-1] is ctx)

    def broken(lp, ctx):
        raise RuntimeError("handler broke")

    loop.set_exception_handler(broken)
    loop.call_soon(boom)
    await asyncio.sleep(0)
    p("after a broken handler")
    try:
        loop.set_exception_handler(1)
    except TypeError as e:
        p("refused:", type(e).__name__)
    loop.set_exception_handler(None)
    p("back to the default:", loop.get_exception_handler())


asyncio.run(main())
