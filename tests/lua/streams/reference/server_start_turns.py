import asyncio
import os
import tempfile
from _luastyle import p


def fd_count():
    return len(os.listdir("/proc/self/fd"))


async def main():
    path = tempfile.mktemp()
    count = 0

    async def tick():
        nonlocal count
        while True:
            count += 1
            await asyncio.sleep(0)
    ticker = asyncio.create_task(tick())

    async def turns(name, make):
        await asyncio.sleep(0)
        before = count
        r = await make()
        p(name, count - before)
        return r

    def h(r, w):
        w.close()
    s = await turns("start_server", lambda: asyncio.start_server(h, "127.0.0.1", 0))
    s.close()
    s = await turns("start_server, not serving", lambda: asyncio.start_server(h, "127.0.0.1", 0, start_serving=False))
    await turns("start_serving()", lambda: s.start_serving())
    s.close()
    s = await turns("start_unix_server", lambda: asyncio.start_unix_server(h, path))
    s.close()
    s = await turns("start_unix_server, not serving", lambda: asyncio.start_unix_server(h, path, start_serving=False))
    s.close()
    ticker.cancel()

    # cancelled at its first step: no socket made
    loop = asyncio.get_running_loop()
    before = fd_count()
    t = loop.create_task(asyncio.start_server(h, "127.0.0.1", 0))
    loop.call_soon(t.cancel)
    try:
        await t
        ok = True
    except asyncio.CancelledError:
        ok = False
    p("creation cancelled:", not ok and t.cancelled(), "descriptors left:", fd_count() - before)


asyncio.run(main())
