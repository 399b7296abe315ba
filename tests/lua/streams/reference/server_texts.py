# What a user sees of a server: its repr (Python's TransportSocket reprs in
# a tuple: "(a,)" for one socket; the descriptors and ports differ from run
# to run and are shown as N and PORT), and the errors of a bind: an address
# in use (TCP: the address and the lowered error text; Unix: the path), a
# missing directory, a path too long.
import asyncio
import os
import re
import tempfile

from _luastyle import p

DIR = tempfile.mkdtemp()


def masked(text):
    text = re.sub(r"fd=\d+", "fd=N", text)
    text = re.sub(r"(, |: )\d{4,5}\b", r"\1PORT", text)
    return text.replace(DIR, "DIR")


def by_family(text):
    # A server on every address (host None): its sockets in the order of
    # their families. CPython binds them in the order of a set of
    # getaddrinfo's answers (the hash seed's), luasync in getaddrinfo's.
    head, tail = "<Server sockets=(", ")>"
    parts = re.findall(r"<asyncio\.TransportSocket [^>]*>", text[len(head):-len(tail)])
    parts.sort(key=lambda s: int(re.search(r"family=(\d+)", s).group(1)))
    return head + ", ".join(parts) + tail


async def fails(name, make):
    try:
        srv = await make()
    except OSError as e:
        p(name, type(e).__name__, e.errno, masked(str(e)))
        return
    p(name, "made", masked(repr(srv)))
    srv.close()
    await srv.wait_closed()


async def cb(r, w):
    w.close()


async def main():
    srv = await asyncio.start_server(cb, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    p(masked(repr(srv)))
    sock = srv.sockets[0]
    p(masked(repr(sock)))
    srv.close()
    p(repr(srv))
    p(masked(repr(sock)))

    both = await asyncio.start_server(cb, None, 0)
    p(by_family(masked(repr(both))))
    both.close()

    path = os.path.join(DIR, "s.sock")
    unix = await asyncio.start_unix_server(cb, path)
    p(masked(repr(unix)))

    busy = await asyncio.start_server(cb, "127.0.0.1", 0)
    port = busy.sockets[0].getsockname()[1]
    await fails("tcp in use", lambda: asyncio.start_server(cb, "127.0.0.1", port))
    await fails("tcp in use, not serving",
                lambda: asyncio.start_server(cb, "127.0.0.1", port, start_serving=False))
    busy.close()
    await busy.wait_closed()
    with open(os.path.join(DIR, "file"), "w"):
        pass
    await fails("unix on a file", lambda: asyncio.start_unix_server(cb, os.path.join(DIR, "file")))
    await fails("unix on a directory", lambda: asyncio.start_unix_server(cb, DIR))
    await fails("unix missing directory", lambda: asyncio.start_unix_server(cb, os.path.join(DIR, "no", "s.sock")))
    await fails("unix too long", lambda: asyncio.start_unix_server(cb, os.path.join(DIR, "x" * 120)))
    unix.close()
    await unix.wait_closed()
    os.remove(os.path.join(DIR, "file"))
    os.rmdir(DIR)
    p("done")


asyncio.run(main())
