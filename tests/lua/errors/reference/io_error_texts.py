# The transcript of io_error_texts.lua: the texts of I/O errors, as CPython
# 3.13 gives them (its own file functions, which aiofiles wraps; its loop).
import asyncio
import os
import tempfile
from _luastyle import p


async def main():
    d = tempfile.mkdtemp()
    path = d + "/a.txt"
    with open(path, "w") as f:
        f.write("abc")

    # a rename names both paths
    try:
        os.rename(d + "/nope", d + "/nope2")
    except OSError as e:
        p(type(e).__name__, str(e).replace(d, "DIR"), e.filename == d + "/nope", e.filename2 == d + "/nope2")

    # a file used against its mode: io.UnsupportedOperation, an OSError and a ValueError
    f = open(path, "r")
    try:
        f.write("x")
    except OSError as e:
        p(e)
        p("an OSError, a ValueError", isinstance(e, OSError), isinstance(e, ValueError), e.errno)
    f.close()
    f = open(path, "a")
    try:
        f.read()
    except OSError as e:
        p(e)
    f.close()

    # modes Python's open refuses
    for mode in ("rw", "rr", "", "+", "rq", "r++", "bt", "rtt"):
        try:
            open(path, mode)
        except ValueError as e:
            p(e)
    # and what it takes: "t" (text) beside the letters
    for mode in ("rt", "tr", "rb"):
        with open(path, mode):
            p(mode, True)

    # a host that looks numeric but is not an address is a name to look up
    for host in ("256.1.1.1", "::zz"):
        try:
            await asyncio.start_server(lambda r, w: None, host, 0)
        except OSError as e:
            p("start_server", host, str(e))  # (the text: its class is socket.gaierror)
        try:
            await asyncio.open_connection(host, 1)
        except OSError as e:
            p("open_connection", host, str(e))

    # an address this host does not have (inet_aton's 1.2.0.3) is skipped
    try:
        await asyncio.start_server(lambda r, w: None, "1.2.3", 0)
    except OSError as e:
        p("start_server", "1.2.3", e)

    # signals a handler cannot be set for
    loop = asyncio.get_running_loop()
    for sig in (9999, 0, 32, 33):
        try:
            loop.add_signal_handler(sig, print)
        except ValueError as e:
            p(e)

    os.remove(path)
    os.rmdir(d)


asyncio.run(main())
