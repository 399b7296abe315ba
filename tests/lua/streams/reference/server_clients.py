import asyncio

from _luastyle import p

N = 16 * 1024 * 1024


async def main():
    # 1. close_clients() on a server still serving: each handler's reader
    # ends (its task is not cancelled) and each client reads the end; the
    # server goes on accepting.
    ended = []

    async def reads(r, w):
        name = (await r.readline()).decode().strip()
        data = await r.read()
        await w.wait_closed()
        ended.append("%s read %r closing %s" % (name, data.decode(), "true" if w.is_closing() else "false"))

    srv = await asyncio.start_server(reads, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    clients = []
    for name in ["a", "b"]:
        r, w = await asyncio.open_connection("127.0.0.1", port)
        w.write(name.encode() + b"\n")
        clients.append((r, w))
    await asyncio.sleep(0.05)
    srv.close_clients()
    p("close_clients returned")
    for r, w in clients:
        p("client read ends", await r.read() == b"")
        w.close()
        await w.wait_closed()
    await asyncio.sleep(0.05)
    for line in sorted(ended):
        p("handler", line)
    p("serving", srv.is_serving())

    # 2. A closed server waits for its connections; close_clients lets
    # wait_closed return.
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(b"c\n")
    await asyncio.sleep(0.05)
    srv.close()
    waiting = asyncio.create_task(srv.wait_closed())
    await asyncio.sleep(0.05)
    p("wait_closed waits for the connection", not waiting.done())
    srv.close_clients()
    await waiting
    p("wait_closed returned")
    p("client c read ends", await r.read() == b"")
    w.close()
    await w.wait_closed()
    srv.close_clients()
    srv.abort_clients()
    p("again, without connections: no-ops")

    # 3. close_clients lets what was written go out first; abort_clients
    # drops it.
    for how in ["close_clients", "abort_clients"]:
        handler_done = asyncio.Event()

        async def writes(r, w):
            w.write(b"x" * N)
            await w.wait_closed()
            handler_done.set()

        srv = await asyncio.start_server(writes, "127.0.0.1", 0)
        port = srv.sockets[0].getsockname()[1]
        r, w = await asyncio.open_connection("127.0.0.1", port)
        await asyncio.sleep(0.05)
        srv.close()
        getattr(srv, how)()
        total = 0
        while True:
            d = await r.read(1 << 20)
            if not d:
                break
            total += len(d)
        await handler_done.wait()
        await srv.wait_closed()
        p(how + ": the client got all of it", total == N)
        w.close()
        await w.wait_closed()
    p("done")


asyncio.run(main())
