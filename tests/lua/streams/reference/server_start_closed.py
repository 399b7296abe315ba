# start_serving() on a closed server raises TypeError (its loop over
# self._sockets, None once closed), whether the server ever served or not,
# TCP or Unix; the failed call leaves the server marked serving: a second
# start_serving() returns, is_serving() is True, and serve_forever() still
# says the server is closed.
import asyncio
import os
import tempfile

from _luastyle import p


async def start(name, srv):
    try:
        await srv.start_serving()
        p(name, "returned")
    except Exception as e:
        p(name, e, isinstance(e, TypeError))


async def h(r, w):
    pass


async def main():
    srv = await asyncio.start_server(h, "127.0.0.1", 0, start_serving=False)
    srv.close()
    await start("never served", srv)
    p("is_serving", srv.is_serving())
    await start("again", srv)

    srv = await asyncio.start_server(h, "127.0.0.1", 0)
    srv.close()
    await srv.wait_closed()
    await start("served", srv)
    try:
        await srv.serve_forever()
        p("serve_forever", True)
    except Exception as e:
        p("serve_forever", False, e)

    d = tempfile.mkdtemp()
    srv = await asyncio.start_unix_server(h, d + "/s.sock")
    srv.close()
    await start("unix", srv)
    os.rmdir(d)


asyncio.run(main())
