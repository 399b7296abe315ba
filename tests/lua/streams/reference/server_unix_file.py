# The socket file of a Unix server, as Python 3.13's create_unix_server:
# closing the server removes it (cleanup_socket=True, the default) if the
# path still names that socket; cleanup_socket=False leaves it. A socket
# file already at the path is replaced at bind (a live server's too).
import asyncio
import os
import tempfile

from _luastyle import p

DIR = tempfile.mkdtemp()
PATH = os.path.join(DIR, "s.sock")


async def cb(r, w):
    w.write(b"hi")
    w.close()


async def reads():
    r, w = await asyncio.open_unix_connection(PATH)
    data = await r.read()
    w.close()
    await w.wait_closed()
    return data.decode()


async def main():
    srv = await asyncio.start_unix_server(cb, PATH)
    p("default: there", os.path.exists(PATH))
    srv.close()
    await srv.wait_closed()
    p("default: closed, there", os.path.exists(PATH))

    srv = await asyncio.start_unix_server(cb, PATH, cleanup_socket=False)
    srv.close()
    await srv.wait_closed()
    p("cleanup_socket=False: closed, there", os.path.exists(PATH))
    srv = await asyncio.start_unix_server(cb, PATH)
    p("a left socket file is replaced, reads", await reads())

    second = await asyncio.start_unix_server(cb, PATH)
    p("a live server's is replaced too, reads", await reads())
    srv.close()
    await srv.wait_closed()
    p("first closed, second's file there", os.path.exists(PATH))
    p("second reads", await reads())
    second.close()
    await second.wait_closed()
    p("second closed, there", os.path.exists(PATH))

    srv = await asyncio.start_unix_server(cb, PATH)
    os.remove(PATH)
    with open(PATH, "w") as f:
        f.write("mine")
    srv.close()
    await srv.wait_closed()
    with open(PATH) as f:
        p("a file put in its place stays:", f.read())
    os.remove(PATH)
    os.rmdir(DIR)


asyncio.run(main())
