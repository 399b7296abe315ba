# The transcript of host_nul.lua: a host with a NUL byte raises ValueError
# "embedded null character" when awaited (socket.inet_pton refuses it in
# asyncio's _ipaddr_info), and nothing connects.
import asyncio
from _luastyle import p


async def main():
    accepted = 0

    def on_client(r, w):
        nonlocal accepted
        accepted += 1
        w.close()

    srv = await asyncio.start_server(on_client, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]

    async def try_(what, aw):
        try:
            r = await aw
            (r[1] if isinstance(r, tuple) else r).close()
            p(what, "connected")
        except ValueError as e:
            p(what, e)

    await try_("open_connection ip", asyncio.open_connection("127.0.0.1\0.evil.example", port))
    await try_("open_connection name", asyncio.open_connection("localhost\0.evil.example", port))
    await try_("start_server", asyncio.start_server(lambda r, w: None, "127.0.0.1\0.evil.example", 0))
    await asyncio.sleep(0.05)
    p("connections accepted", accepted)
    srv.close()
    await srv.wait_closed()


asyncio.run(main())
