import asyncio
from _luastyle import p


def runs(xs):
    # "1..148/3,154..": the numbers in the order given, each run of a
    # constant step as first..last/step (/1 left out), a lone one as itself
    out = []
    for x in xs:
        if out and len(out[-1]) == 1:
            out[-1].append(x)
        elif out and out[-1][-1] - out[-1][-2] == x - out[-1][-1]:
            out[-1].append(x)
        else:
            out.append([x])
    parts = []
    for r in out:
        if len(r) == 1:
            parts.append(str(r[0]))
        elif len(r) == 2:
            parts += [str(r[0]), str(r[1])]
        else:
            step = r[1] - r[0]
            parts.append("%d..%d" % (r[0], r[-1]) + ("" if step == 1 else "/%d" % step))
    return ",".join(parts)


async def main():
    # 1. Getters cancelled from the middle, the newest and the oldest leave
    #    (the repr counts a cancelled one until its task runs); the others
    #    keep their order, and newcomers queue behind them
    q = asyncio.Queue()
    got = []

    async def getter(name):
        try:
            got.append(name + "=" + await q.get())
        except asyncio.CancelledError:
            p("1", name, "cancelled")
            raise

    gs = [asyncio.create_task(getter("g%d" % i)) for i in range(1, 9)]
    await asyncio.sleep(0)
    for i in (2, 4, 5, 7):
        gs[i - 1].cancel()
    p("1", q)
    await asyncio.sleep(0)
    p("1", q)
    gs += [asyncio.create_task(getter("g%d" % i)) for i in (9, 10)]
    await asyncio.sleep(0)
    gs[7].cancel()
    gs[0].cancel()
    gs[8].cancel()
    await asyncio.sleep(0)
    p("1", q)
    for v in "abcd":
        q.put_nowait(v)
    await asyncio.gather(*gs, return_exceptions=True)
    p("1", " ".join(got), q)

    # 2. A getter woken by a put and cancelled before it runs passes the
    #    item on to the next one still waiting; one cancelled in the middle
    #    meanwhile is passed over
    q = asyncio.Queue()
    got = []
    gs = [asyncio.create_task(getter("w%d" % i)) for i in range(1, 6)]
    await asyncio.sleep(0)
    q.put_nowait("x")
    gs[0].cancel()
    gs[2].cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    p("2", " ".join(got), q)
    q.put_nowait("y")
    q.put_nowait("z")
    await asyncio.gather(*gs, return_exceptions=True)
    p("2", " ".join(got), q)

    # 3. Putters of a full queue: the same, and a putter woken by a get and
    #    cancelled before it runs passes the room on
    q = asyncio.Queue(1)
    q.put_nowait("p0")

    async def putter(name):
        try:
            await q.put(name)
        except asyncio.CancelledError:
            p("3", name, "cancelled")
            raise

    ps = [asyncio.create_task(putter("p%d" % i)) for i in range(1, 9)]
    await asyncio.sleep(0)
    for i in (3, 6, 8, 1):
        ps[i - 1].cancel()
    p("3", q)
    await asyncio.sleep(0)
    p("3", q)
    out = [q.get_nowait()]
    ps[1].cancel()  # p2: woken by that get, cancelled before it ran
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    p("3", q)
    while len(out) < 4:
        out.append(await q.get())
    await asyncio.gather(*ps, return_exceptions=True)
    p("3", " ".join(out), q)

    # 4. Many getters and putters, most cancelled from the middle, in
    #    rounds between puts (gets) and newcomers: the survivors are served
    #    in the order they came
    for kind in ("getters", "putters"):
        q = asyncio.Queue(0 if kind == "getters" else 1)
        if kind == "putters":
            q.put_nowait(0)
        served = []

        async def waiter(i):
            if kind == "getters":
                await q.get()
            else:
                await q.put(i)
            served.append(i)

        ts = {}

        def spawn(lo, hi):
            for i in range(lo, hi + 1):
                ts[i] = asyncio.create_task(waiter(i))

        async def serve(k):
            for _ in range(k):
                if kind == "getters":
                    q.put_nowait(0)
                else:
                    await q.get()
            await asyncio.sleep(0)

        spawn(1, 600)
        await asyncio.sleep(0)
        for i in range(2, 600):
            if i % 3 != 1:
                ts[i].cancel()
        await asyncio.sleep(0)
        await serve(50)
        spawn(601, 800)
        await asyncio.sleep(0)
        for i in list(range(700, 761)) + list(range(300, 420, 2)) + [800, 151]:
            ts[i].cancel()
        await asyncio.sleep(0)
        await serve(100)
        for i in range(601, 700, 4):
            ts[i].cancel()
        spawn(801, 820)
        await asyncio.sleep(0)
        left = sum(1 for t in ts.values() if not t.done())
        await serve(left)
        await asyncio.gather(*ts.values(), return_exceptions=True)
        p("4", kind, len(served), "served:", runs(served))
        p("4", kind, q)


asyncio.run(main())
