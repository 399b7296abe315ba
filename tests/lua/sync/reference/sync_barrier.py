import asyncio
from _luastyle import s, p


async def main():
    b = asyncio.Barrier(3)
    p("1 parties", b.parties, "n_waiting", b.n_waiting, "broken", b.broken)

    # 2. the parties-th arrival releases everyone; wait() returns the arrival
    #    index; the barrier can be used again at once
    async def party(name, rounds=1):
        for r in range(rounds):
            p("2", name, "arrives, round", r)
            i = await b.wait()
            p("2", name, "passes with index", i)

    ts = [asyncio.create_task(party(n, 2)) for n in ("a", "b", "c")]
    await asyncio.sleep(0)
    p("2 n_waiting", b.n_waiting)
    await asyncio.gather(*ts)
    p("2 n_waiting", b.n_waiting, "broken", b.broken)

    # 3. abort(): the waiters and later arrivals get BrokenBarrierError
    async def waiter(name):
        try:
            await b.wait()
        except asyncio.BrokenBarrierError as e:
            p("3", name, "got", e)

    ts = [asyncio.create_task(waiter(n)) for n in ("a", "b")]
    await asyncio.sleep(0)
    p("3 n_waiting", b.n_waiting)
    await b.abort()
    p("3 broken", b.broken, "n_waiting", b.n_waiting)
    await asyncio.gather(*ts)
    try:
        await b.wait()
    except asyncio.BrokenBarrierError as e:
        p("3 late arrival got", e, "is Exception", isinstance(e, Exception))

    # 4. reset() repairs it
    await b.reset()
    p("4 broken", b.broken, "n_waiting", b.n_waiting)
    rs = await asyncio.gather(b.wait(), b.wait(), b.wait())
    p("4 indexes", ",".join(str(r) for r in rs))

    # 5. reset() while tasks wait: they get BrokenBarrierError, the barrier
    #    is usable afterwards
    ts = [asyncio.create_task(waiter(n)) for n in ("c", "d")]
    await asyncio.sleep(0)
    await b.reset()
    await asyncio.gather(*ts)
    p("5 broken", b.broken)
    rs = await asyncio.gather(b.wait(), b.wait(), b.wait())
    p("5 indexes", ",".join(str(r) for r in rs))

    # 6. a cancelled waiter leaves the count
    t = asyncio.create_task(b.wait())
    await asyncio.sleep(0)
    p("6 n_waiting", b.n_waiting)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    p("6 cancelled", t.cancelled(), "n_waiting", b.n_waiting, "broken", b.broken)

    # 7. parties must be positive
    try:
        asyncio.Barrier(0)
    except ValueError as e:
        p("7", e)

    # 8. parties, n_waiting and broken cannot be assigned (Python's properties
    # have no setter)
    for name in ("parties", "n_waiting", "broken"):
        try:
            setattr(b, name, 7)
            refused = False
        except AttributeError:
            refused = True
        p("8 refused", name, refused)
    p("8 unchanged", b.parties, b.n_waiting, b.broken)


asyncio.run(main())
