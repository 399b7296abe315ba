# The transcript of server_accept_per_connection.lua: accept errors that
# concern one connection (a network error pending on it, which Linux's
# accept passes on: EPROTO, EHOSTUNREACH, ENETUNREACH...; a firewall's
# EPERM) are reported as the selector loop's callback error, and the next
# connection is accepted at the next turn, every time, with no rest; a
# connection aborted before its accept (ECONNABORTED) is skipped quietly.
# The loopback gives none of them: the scenario runs in a child under
# tests/cmodule/accept_fault.c (LD_PRELOAD, LUASYNC_ACCEPT_FAULT names the
# built shim), whose accept4 fails the connections ACCEPT_FAULTS lists.
import asyncio
import os
import subprocess
import sys

from _luastyle import fmt, p

FAULTS = "ECONNABORTED,EPROTO,EHOSTUNREACH,EPERM,ENETUNREACH"


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()

    def el():
        return f"{loop.time() - t0:.1f}"

    loop.set_exception_handler(lambda loop, ctx: p(el(), ctx["message"], fmt(ctx["exception"])))

    async def handle(r, w):
        w.write(b"hi")
        w.close()

    srv = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    for i in range(1, 7):
        r, w = await asyncio.open_connection("127.0.0.1", port)
        data = await r.read()
        p(el(), "client", i, repr(data.decode()))
        w.close()
    srv.close()
    await srv.wait_closed()


if "ACCEPT_FAULTS" in os.environ:
    asyncio.run(main())
else:
    shim = os.environ.get("LUASYNC_ACCEPT_FAULT")
    if not shim:
        sys.exit("LUASYNC_ACCEPT_FAULT must name build/preload/accept_fault.so")
    env = dict(os.environ, LD_PRELOAD=shim, ACCEPT_FAULTS=FAULTS)
    child = subprocess.run([sys.executable, sys.argv[0]], env=env, capture_output=True, text=True)
    sys.stdout.write(child.stdout)
    sys.stderr.write(child.stderr)
    sys.exit(child.returncode)
