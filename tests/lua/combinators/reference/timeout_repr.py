# tostring of a Timeout is Python's repr: its state, and while it is active
# when=round(when, 3) as Python prints that number (when=None without a
# deadline).
import asyncio

from _luastyle import p


async def main():
    loop = asyncio.get_running_loop()
    for when in [100000.5, 100000.25, 1234.5678, 12.0, 2.675, 100, 1e16, 99999999999.9995]:
        async with asyncio.timeout_at(loop.time() + 1000) as cm:
            cm.reschedule(when)
            p(cm)
            cm.reschedule(None)
    async with asyncio.timeout(None) as cm:
        p(cm)
    p(cm)
    try:
        async with asyncio.timeout(0.1) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        p(cm, cm.expired())


asyncio.run(main())
