import asyncio

from _luastyle import p

N = 16 * 1024 * 1024


async def read_all(r):
    total = 0
    while True:
        try:
            d = await r.read(1 << 20)
        except OSError as e:
            return total, e
        if not d:
            return total, "the end"
        total += len(d)


async def main():
    # 1. A handler aborts a connection with nothing unread: the client reads
    # what was sent, then the end (the socket closed plainly, a FIN); the
    # aborting side's reader ends, wait_closed returns, later calls are
    # no-ops, drain raises, extra info stays.
    done = asyncio.Event()

    async def aborts(r, w):
        w.write(b"hello")
        await w.drain()
        w.transport.abort()
        p("server: closing", w.is_closing(), w.transport.is_closing())
        p("server: own read ends", await r.read() == b"")
        p("server: wait_closed", await w.wait_closed())
        w.transport.abort()
        w.close()
        w.transport.close()
        p("server: abort and close again: no-ops")
        try:
            await w.drain()
        except ConnectionResetError as e:
            p("server: drain", e)
        w.write(b"ignored")
        p("server: buffer", w.transport.get_write_buffer_size())
        p("server: peer", w.get_extra_info("peername")[0], w.transport.get_extra_info("peername")[0],
          w.transport.get_extra_info("nothing", "default"))
        done.set()

    srv = await asyncio.start_server(aborts, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    await done.wait()
    p("client: read", (await r.read(100)).decode(), (await r.read(100)).decode() == "")
    w.close()
    await w.wait_closed()
    srv.close()
    await srv.wait_closed()

    # 2. A handler aborts with bytes it has not read: the system resets the
    # connection; the client's read, drain and wait_closed raise.
    async def aborts_unread(r, w):
        await r.readexactly(100000)
        w.transport.abort()

    srv = await asyncio.start_server(aborts_unread, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(b"x" * 1000000)
    try:
        await r.read(100)
    except ConnectionResetError as e:
        p("client: read raised", e, e.errno)
    try:
        await w.drain()
    except ConnectionResetError as e:
        p("client: drain raised", e)
    try:
        await w.wait_closed()
    except ConnectionResetError as e:
        p("client: wait_closed raised", e)
    srv.close()
    await srv.wait_closed()

    # 3. abort drops what the system has not taken yet (the client does not
    # read, so most of 16 MiB waits in the writer's buffer); a drain that
    # waits returns; close then abort drops it too; abort then close is
    # abort.
    writers = asyncio.Queue()

    async def keeps(r, w):
        await writers.put((r, w))

    srv = await asyncio.start_server(keeps, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    for mode in ["abort", "abort during drain", "close then abort", "abort then close"]:
        r, w = await asyncio.open_connection("127.0.0.1", port)
        _, sw = await writers.get()
        sw.write(b"x" * N)
        p(mode + ": buffered", sw.transport.get_write_buffer_size() > 0)
        if mode == "abort":
            sw.transport.abort()
        elif mode == "abort during drain":
            async def drainer():
                p("drain returned", await sw.drain())
            t = asyncio.create_task(drainer())
            await asyncio.sleep(0)
            p("drain waiting", not t.done())
            sw.transport.abort()
            await t
        elif mode == "close then abort":
            sw.close()
            sw.transport.abort()
        else:
            sw.transport.abort()
            sw.close()
        p(mode + ": closing", sw.is_closing(), "buffer", sw.transport.get_write_buffer_size())
        p(mode + ": wait_closed", await sw.wait_closed())
        total, end = await read_all(r)
        p(mode + ": client got part of it", 0 < total < N, "then", end)
        w.close()
        await w.wait_closed()

    # 4. A read waiting on the aborting side gets the end; so does the peer.
    r, w = await asyncio.open_connection("127.0.0.1", port)
    sr, sw = await writers.get()
    reading = asyncio.create_task(sr.read())
    await asyncio.sleep(0)
    p("server: read waiting", not reading.done())
    sw.transport.abort()
    p("server: waiting read ends", await reading == b"")
    p("client: read ends", await r.read() == b"")
    w.close()
    await w.wait_closed()
    srv.close()
    await srv.wait_closed()
    p("done")


asyncio.run(main())
