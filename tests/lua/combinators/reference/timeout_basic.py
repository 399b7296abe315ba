import asyncio
from _luastyle import s, p, el


async def main():
    loop = asyncio.get_running_loop()

    # 1. the block ends before the deadline
    t0 = loop.time()
    async with asyncio.timeout(0.3) as cm:
        p("1 when", f"{cm.when() - t0:.1f}", "expired", cm.expired())
        await asyncio.sleep(0.1)
    p("1 expired", cm.expired(), el(t0))

    # 2. the deadline passes: TimeoutError from a CancelledError
    t0 = loop.time()
    try:
        async with asyncio.timeout(0.1) as cm:
            await asyncio.sleep(1)
            p("2 not reached")
    except TimeoutError as e:
        p("2 timeout", e, "cause", e.__cause__, el(t0))
    p("2 expired", cm.expired(), "cancelling", asyncio.current_task().cancelling())

    # 3. no deadline, then one is set with reschedule
    t0 = loop.time()
    try:
        async with asyncio.timeout(None) as cm:
            p("3 when", cm.when())
            cm.reschedule(loop.time() + 0.2)
            await asyncio.sleep(1)
    except TimeoutError:
        p("3 timeout", el(t0), "expired", cm.expired())

    # 4. reschedule moves the deadline later
    t0 = loop.time()
    async with asyncio.timeout(0.1) as cm:
        cm.reschedule(loop.time() + 0.4)
        await asyncio.sleep(0.2)
    p("4 ok", el(t0), "expired", cm.expired())

    # 5. reschedule(None) removes the deadline
    t0 = loop.time()
    async with asyncio.timeout(0.1) as cm:
        cm.reschedule(None)
        await asyncio.sleep(0.2)
    p("5 ok", el(t0), "when", cm.when())

    # 6. timeout_at takes an absolute time on the loop clock
    t0 = loop.time()
    try:
        async with asyncio.timeout_at(loop.time() + 0.2) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        p("6 timeout_at", el(t0), f"{cm.when() - t0:.1f}")

    # 7. nested: the inner deadline fires, the outer block goes on
    t0 = loop.time()
    try:
        async with asyncio.timeout(0.5) as outer:
            try:
                async with asyncio.timeout(0.1) as inner:
                    await asyncio.sleep(1)
            except TimeoutError:
                p("7 inner fired", el(t0), inner.expired(), outer.expired())
            await asyncio.sleep(0.1)
            p("7 after inner", el(t0))
    except TimeoutError:
        p("7 outer fired (wrong)")
    p("7 outer expired", outer.expired())

    # 8. nested: the outer deadline fires first; the inner block does not catch it
    t0 = loop.time()
    try:
        async with asyncio.timeout(0.1) as outer:
            try:
                async with asyncio.timeout(0.5) as inner:
                    await asyncio.sleep(1)
            except TimeoutError:
                p("8 inner caught (wrong)")
            p("8 not reached")
    except TimeoutError:
        p("8 outer fired", el(t0), inner.expired(), outer.expired())
    p("8 cancelling", asyncio.current_task().cancelling())

    # 9. a cancel from outside is not turned into TimeoutError
    async def child():
        try:
            async with asyncio.timeout(0.5):
                await asyncio.sleep(1)
        except TimeoutError:
            p("9 timeout (wrong)")
        except asyncio.CancelledError as e:
            p("9 child cancelled", e)
            raise

    t = asyncio.create_task(child())
    await asyncio.sleep(0.1)
    t.cancel("outside")
    try:
        await t
    except asyncio.CancelledError:
        p("9 task cancelled", t.cancelled())

    # 10. a zero timeout fires at the first await, even a zero sleep
    try:
        async with asyncio.timeout(0):
            await asyncio.sleep(0)
            p("10 not reached")
    except TimeoutError:
        p("10 zero timeout")

    # 11. a zero timeout with no await inside does not fire
    async with asyncio.timeout(0) as cm:
        p("11 inside")
    p("11 expired", cm.expired())

    # 12. an expired timeout cannot be rescheduled
    try:
        async with asyncio.timeout(0.1) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        pass
    try:
        cm.reschedule(None)
    except RuntimeError as e:
        p("12", e)

    # 13. an error inside the block passes through
    try:
        async with asyncio.timeout(0.5) as cm:
            await asyncio.sleep(0.1)
            raise ValueError("inner error")
    except ValueError as e:
        p("13", e, "expired", cm.expired())
    p("13 cancelling", asyncio.current_task().cancelling())


asyncio.run(main())
