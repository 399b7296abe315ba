import asyncio
from _luastyle import p


async def probe(name, aw):
    events = []

    async def other():
        events.append("other")
    asyncio.create_task(other())
    try:
        await aw
        r = "returned"
    except Exception as e:
        r = e
    events.append("op")
    p(name, "yields" if events[0] == "other" else "does not yield", r)


async def handler(r, w):
    await r.read()
    w.close()


async def main():
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()

    r, w = await asyncio.open_connection(host, port)
    w.close()
    await probe("drain right after close", w.drain())
    await w.wait_closed()
    await probe("drain after wait_closed", w.drain())
    await probe("drain after wait_closed, again", w.drain())

    r, w = await asyncio.open_connection(host, port)
    r.set_exception(ValueError("reader exc"))
    await probe("drain with the reader's error", w.drain())
    w.close()

    r, w = await asyncio.open_connection(host, port)
    r.feed_eof()
    await probe("drain of an open writer", w.drain())
    w.close()
    await w.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
