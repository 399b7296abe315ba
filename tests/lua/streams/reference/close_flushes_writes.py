import asyncio
from _luastyle import p


async def main():
    go = asyncio.Event()
    got = []

    async def handler(r, w):
        await go.wait()  # a slow peer: nothing read until the client wrote all
        while True:
            b = await r.read(65536)
            if not b:
                break
            got.append(b)
        w.close()
        await w.wait_closed()

    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()
    r, w = await asyncio.open_connection(host, port)
    big = b"a" * (16 * 1024 * 1024)
    w.write(big)
    p("queued before close", w.transport.get_write_buffer_size() > 0)
    w.close()
    p("closing", w.is_closing(), w.transport.is_closing())
    for i in range(8):
        w.write(b"b%d" % i)
    w.write(b"")
    p("queued after close", w.transport.get_write_buffer_size() > 0)
    go.set()
    await w.wait_closed()
    p("closed")
    server.close()
    await server.wait_closed()
    data = b"".join(got)
    p("received", len(data), len(big) + 16, data[-20:].decode())


asyncio.run(main())
