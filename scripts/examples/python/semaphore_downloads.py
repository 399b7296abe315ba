# Twin of ../semaphore_downloads.lua
import asyncio
import time

sem = asyncio.Semaphore(3)
running, peak = 0, 0


async def download(i):
    global running, peak
    async with sem:
        running += 1
        peak = max(peak, running)
        print("download %2d starts (%d running)" % (i, running))
        await asyncio.sleep(1)
        running -= 1
        return i


async def main():
    t0 = time.perf_counter()
    jobs = [download(i) for i in range(1, 11)]
    results = await asyncio.gather(*jobs)
    print("%d downloads in %.2f s, peak concurrency %d" % (len(results), time.perf_counter() - t0, peak))


asyncio.run(main())
