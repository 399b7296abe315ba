import asyncio
import time
from _luastyle import fmt


def trying(label, f):
    try:
        f()
        print(label, "ok", sep="\t")
    except Exception as e:
        print(label, fmt(e), sep="\t")


async def atry(label, coro):
    try:
        await coro
        print(label, "ok", sep="\t")
    except Exception as e:
        print(label, fmt(e), sep="\t")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()

    def elapsed():
        return f"{loop.time() - t0:.1f}"

    trying("time.sleep(1e19)", lambda: time.sleep(1e19))
    trying("time.sleep(inf)", lambda: time.sleep(float("inf")))
    trying("time.sleep(-inf)", lambda: time.sleep(-float("inf")))
    trying("time.sleep(9.3e9)", lambda: time.sleep(9.3e9))

    def raise_it():
        raise OverflowError("x")

    trying("OverflowError", raise_it)
    print("elapsed", elapsed(), sep="\t")
    await asyncio.sleep(1)
    print("after sleep(1)", elapsed(), sep="\t")

    await atry("wait_for(sleep(1e300), 0.5)", asyncio.wait_for(asyncio.sleep(1e300), 0.5))
    await atry("wait_for(sleep(inf), 0.5)", asyncio.wait_for(asyncio.sleep(float("inf")), 0.5))

    async def in_timeout():
        async with asyncio.timeout(1e300):
            await asyncio.sleep(0.5)

    await atry("timeout(1e300)", in_timeout())
    await atry("wait_for(aw, inf)", asyncio.wait_for(asyncio.sleep(0.5), float("inf")))
    trying("call_later(1e300)", lambda: loop.call_later(1e300, print, "never").cancel())
    print("elapsed", elapsed(), sep="\t")

    async def serve(_, w):
        w.write(b"hello\n")
        w.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()

    async def limited():
        r, w = await asyncio.open_connection(host, port, limit=1e300)
        print("", (await r.readline()).decode(), sep="\t")
        w.close()

    await atry("limit=1e300", limited())
    server.close()
    await server.wait_closed()


asyncio.run(main())
