# The transcript of reader_limit_nan.lua: a limit of NaN passes CPython's
# check (limit <= 0) and limits nothing.
import asyncio
from _luastyle import p

NAN = float("nan")
LONG = b"x" * 200000 + b"\n"


async def main():
    r = asyncio.StreamReader(limit=NAN)
    r.feed_data(LONG)
    r.feed_eof()
    p("readline of a long line", len(await r.readline()))

    def on_client(_, w):
        w.write(LONG)
        w.close()

    srv = await asyncio.start_server(on_client, "127.0.0.1", 0, limit=NAN)
    port = srv.sockets[0].getsockname()[1]
    cr, cw = await asyncio.open_connection("127.0.0.1", port, limit=NAN)
    p("readline over a connection", len(await cr.readline()))
    cw.close()
    await cw.wait_closed()
    srv.close()
    await srv.wait_closed()
    try:
        asyncio.StreamReader(limit=0)
    except ValueError as e:
        p("limit 0", False, e)


asyncio.run(main())
