# A listening socket whose reading side is shut down (shutdown(SHUT_RD):
# it listens no more, and stays readable) makes every accept fail with
# EINVAL, an error that is not a lack of resources: the selector loop's
# reader callback raises it, and the loop reports it as a callback's error,
# with that handle (and no socket). CPython's loop keeps the reader, so it
# reports again at every turn (thousands of times a second); this scenario
# takes the first report and closes the server there. The Lua test goes on
# to check that luasync rests between reports, and serves again once the
# socket listens again.
import asyncio
import socket

from _luastyle import fmt


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    srv = None

    def handler(loop, ctx):
        print(f"{loop.time() - t0:.1f}", ctx["message"])
        print("exception:", fmt(ctx["exception"]), ctx["exception"].errno)
        print("handle:", ctx["handle"])
        print("keys:", " ".join(sorted(ctx)))
        srv.close()

    loop.set_exception_handler(handler)
    srv = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
    with socket.socket(fileno=socket.dup(srv.sockets[0].fileno())) as s:
        s.shutdown(socket.SHUT_RD)
    await srv.wait_closed()
    print("closed")


asyncio.run(main())
