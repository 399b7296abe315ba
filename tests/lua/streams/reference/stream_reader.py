import asyncio
from _luastyle import p


def show(data):
    return data.decode().replace("\n", "\\n")


async def attempt(label, aw):
    try:
        p(label, show(await aw))
    except Exception as e:
        p(label, "raised", e)
        return e


async def main():
    # lines, the last one without its newline, then "" at the end
    r = asyncio.StreamReader()
    r.feed_data(b"hello\nworld\npart")
    r.feed_data(b"ial")
    r.feed_eof()
    for _ in range(4):
        await attempt("readline", r.readline())
    p("at_eof", r.at_eof())

    # readexactly and readuntil at the end of the stream
    r = asyncio.StreamReader()
    r.feed_data(b"abc--def")
    await attempt("readuntil --", r.readuntil(b"--"))
    await attempt("readexactly 2", r.readexactly(2))
    r.feed_eof()
    e = await attempt("readexactly 5", r.readexactly(5))
    p("partial", show(e.partial), "expected", e.expected)
    r = asyncio.StreamReader()
    r.feed_data(b"no separator")
    r.feed_eof()
    e = await attempt("readuntil ;", r.readuntil(b";"))
    p("partial", show(e.partial), "expected", e.expected)
    await attempt("readexactly -1", r.readexactly(-1))
    await attempt("readuntil ''", r.readuntil(b""))
    await attempt("read 0", r.read(0))

    # the limit: a line longer than it is dropped with ValueError; a chunk
    # without separator beyond it raises LimitOverrunError with .consumed
    r = asyncio.StreamReader(limit=4)
    r.feed_data(b"toolongline\nok\n")
    await attempt("readline", r.readline())
    await attempt("readline", r.readline())
    r.feed_data(b"abcdefgh")
    e = await attempt("readuntil", r.readuntil(b"\n"))
    p("consumed", e.consumed)
    await attempt("read 3", r.read(3))

    # a read waits for data fed by another task; a second waiter is refused
    r = asyncio.StreamReader()

    async def feeder():
        for chunk in (b"one ", b"two ", b"three"):
            await asyncio.sleep(0.1)
            p("feed", show(chunk))
            r.feed_data(chunk)
        await asyncio.sleep(0.1)
        p("feed eof")
        r.feed_eof()

    async def second():
        await attempt("second read", r.read(10))

    f = asyncio.create_task(feeder())
    s = asyncio.create_task(second())
    await attempt("read 2", r.read(2))
    await s
    await attempt("read all", r.read())
    await f
    p("at_eof", r.at_eof())

    # a waiting read cancelled; the reader still works; set_exception
    r = asyncio.StreamReader()
    t = asyncio.create_task(r.readline())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        p("cancelled readline")
    r.feed_data(b"after\n")
    await attempt("readline", r.readline())
    r.set_exception(ValueError("broken"))
    await attempt("read", r.read(1))

    # the reprs of a waiting reader and of its task; set_exception wakes the
    # waiting read with the error
    r = asyncio.StreamReader()
    t = asyncio.create_task(r.read(5), name="reading")
    await asyncio.sleep(0)
    p(repr(r))
    p(repr(t).split(" coro=")[0], "wait_for=" + repr(t).split(" wait_for=")[1])
    r.set_exception(ConnectionResetError("reset"))
    p("exception", r.exception())
    await attempt("woken read", t)

    # data fed after a cancel, before the cancelled task ran: the data stays
    r = asyncio.StreamReader()
    t = asyncio.create_task(r.read(5))
    await asyncio.sleep(0)
    t.cancel("stop")
    r.feed_data(b"kept")
    try:
        await t
    except asyncio.CancelledError as e:
        p("cancelled read", e)
    await attempt("read after cancel", r.read(5))

asyncio.run(main())
