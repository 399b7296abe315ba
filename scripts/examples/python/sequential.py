# sequential: awaiting coroutines one after another. Each `await` waits for the
# previous job to finish, so the total time is the sum of the sleeps (2 + 3 + 1 = 6 s).
# Twin of ../sequential.lua.
import asyncio
import time


async def job(name, delay):
    print(f"{name}: start, sleeping {delay} s")
    await asyncio.sleep(delay)
    print(f"{name}: finish")
    return delay


async def main():
    t0 = time.perf_counter()
    await job("A", 2)
    await job("B", 3)
    await job("C", 1)
    print(f"finished in {time.perf_counter() - t0:.2f} s")


asyncio.run(main())
