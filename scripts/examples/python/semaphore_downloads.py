# semaphore_downloads: asyncio.Semaphore(3) lets at most 3 of 10 downloads run at the same
# time. Each download holds the semaphore while it runs (`async with sem:`); the others
# wait their turn, in the order they asked.
# Twin of ../semaphore_downloads.lua.
import asyncio
import time

running, peak = 0, 0
t0 = None


async def download(sem, i):
    global running, peak
    async with sem:
        running += 1
        peak = max(peak, running)
        print(f"{time.perf_counter() - t0:4.1f} s  download {i:2d} starts ({running} running)")
        await asyncio.sleep(1 + i % 3 * 0.5)  # the files have different sizes
        running -= 1
        print(f"{time.perf_counter() - t0:4.1f} s  download {i:2d} done")
        return f"file{i}"


async def main():
    global t0
    t0 = time.perf_counter()
    sem = asyncio.Semaphore(3)
    downloads = [download(sem, i) for i in range(1, 11)]
    files = await asyncio.gather(*downloads)
    print(f"{len(files)} files, peak concurrency {peak}, {time.perf_counter() - t0:.1f} s in all")


asyncio.run(main())
