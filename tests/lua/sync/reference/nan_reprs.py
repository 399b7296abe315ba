import asyncio
import re


def show(x):
    print(re.sub(r"0x[0-9a-f]+", "0x...", str(x)))


async def main():
    nan, inf = float("nan"), float("inf")
    show(asyncio.Queue(nan))
    show(asyncio.Queue(inf))
    show(asyncio.Semaphore(nan))
    show(asyncio.Barrier(nan))
    loop = asyncio.get_running_loop()
    for v in (nan, inf, -inf):
        f = loop.create_future()
        f.set_result(v)
        show(f)


asyncio.run(main())
