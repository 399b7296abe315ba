# A server that has no descriptor left for a connection (accept fails with
# EMFILE) tells the loop's exception handler and rests for
# ACCEPT_RETRY_DELAY (1 s): the connection waits in the backlog, is tried
# again after the second (still none free: told again) and served once
# descriptors are free. backlog=1: 3.13 goes on accepting through its
# backlog count after the error, so with the default it tells the handler
# 100 times a second (gh-151615 stops at the first, as luasync does).
import asyncio
import os
import resource


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()

    def p(*args):
        print(" ".join([f"{loop.time() - t0:.1f}"] + [str(a) for a in args]))

    port = None

    def handler(loop, ctx):
        e = ctx["exception"]
        p(ctx["message"], f"{type(e).__name__}: {e}", "EMFILE" if e.errno == 24 else e.errno,
          "true" if ctx["socket"].getsockname()[1] == port else "false")

    loop.set_exception_handler(handler)
    files = []

    def fill():
        while True:
            try:
                files.append(os.open("/dev/null", os.O_RDONLY))
            except OSError:
                return

    def free(n):
        for _ in range(n):
            os.close(files.pop())

    async def handle(r, w):
        p("handler runs")
        w.write(b"hi")
        w.close()

    resource.setrlimit(resource.RLIMIT_NOFILE, (64, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
    srv = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1)
    port = srv.sockets[0].getsockname()[1]
    fill()
    free(1)
    r, w = await asyncio.open_connection("127.0.0.1", port)
    p("connected")
    await asyncio.sleep(1.5)
    free(2)
    p("two descriptors free")
    p("client reads", (await r.read()).decode())
    w.close()
    srv.close()
    await srv.wait_closed()
    free(len(files))


asyncio.run(main())
