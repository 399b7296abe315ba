# A server made with start_serving=False is bound and does not listen yet:
# a connect is refused until start_serving() (or serve_forever()), and
# is_serving() says so. An IPv6 socket takes only IPv6 (IPV6_V6ONLY), so a
# server on "0.0.0.0" may share the port of one on "::" (start_server with
# no host binds both).
import asyncio
import os
import tempfile

from _luastyle import p


async def try_connect(name, connect):
    try:
        r, w = await connect()
    except OSError as e:
        p(name, "refused:", type(e).__name__, e.errno)
        return
    # (Bounded: an accepted connection nobody serves would never end.)
    p(name, "connected, reads", repr((await asyncio.wait_for(r.read(), 5)).decode()))
    w.close()
    await w.wait_closed()


async def hello(r, w):
    w.write(b"hello")
    w.close()


async def main():
    # 1. TCP.
    srv = await asyncio.start_server(hello, "127.0.0.1", 0, start_serving=False)
    port = srv.sockets[0].getsockname()[1]
    p("tcp serving", srv.is_serving())
    await try_connect("tcp before", lambda: asyncio.open_connection("127.0.0.1", port))
    await srv.start_serving()
    p("tcp serving", srv.is_serving())
    await try_connect("tcp after", lambda: asyncio.open_connection("127.0.0.1", port))
    await srv.start_serving()
    p("tcp serving again", srv.is_serving())
    srv.close()
    await srv.wait_closed()
    p("tcp closed, serving", srv.is_serving())
    await try_connect("tcp closed", lambda: asyncio.open_connection("127.0.0.1", port))

    # 2. Unix.
    path = os.path.join(tempfile.mkdtemp(), "s.sock")
    srv = await asyncio.start_unix_server(hello, path, start_serving=False)
    p("unix serving", srv.is_serving(), "file there", os.path.exists(path))
    await try_connect("unix before", lambda: asyncio.open_unix_connection(path))
    await srv.start_serving()
    await try_connect("unix after", lambda: asyncio.open_unix_connection(path))
    srv.close()
    await srv.wait_closed()
    os.rmdir(os.path.dirname(path))

    # 3. serve_forever starts listening.
    srv = await asyncio.start_server(hello, "127.0.0.1", 0, start_serving=False)
    port = srv.sockets[0].getsockname()[1]
    forever = asyncio.create_task(srv.serve_forever())
    await asyncio.sleep(0)
    p("forever serving", srv.is_serving())
    await try_connect("forever", lambda: asyncio.open_connection("127.0.0.1", port))
    forever.cancel()
    try:
        await forever
    except asyncio.CancelledError:
        p("forever cancelled, serving", srv.is_serving())

    # 4. "::" and "0.0.0.0" on one port.
    v6 = await asyncio.start_server(hello, "::", 0)
    port = v6.sockets[0].getsockname()[1]
    v4 = await asyncio.start_server(hello, "0.0.0.0", port)
    p("v4 on v6's port", v4.sockets[0].getsockname()[1] == port)
    await try_connect("v4", lambda: asyncio.open_connection("127.0.0.1", port))
    await try_connect("v6", lambda: asyncio.open_connection("::1", port))
    v4.close()
    v6.close()
    await v4.wait_closed()
    await v6.wait_closed()
    p("done")


asyncio.run(main())
