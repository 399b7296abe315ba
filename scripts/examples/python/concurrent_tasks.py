# concurrent (twin of ../concurrent.lua; named concurrent_tasks.py because a file called
# concurrent.py would shadow the standard library package that asyncio imports).
# The same three jobs as sequential.py, but started as tasks first and awaited afterwards.
# They sleep at the same time, so the total is the longest sleep (3 s).
import asyncio
import time


async def job(name, delay):
    print(f"{name}: start, sleeping {delay} s")
    await asyncio.sleep(delay)
    print(f"{name}: finish")
    return delay


async def main():
    t0 = time.perf_counter()
    a = asyncio.create_task(job("A", 2))
    b = asyncio.create_task(job("B", 3))
    c = asyncio.create_task(job("C", 1))
    await a
    await b
    await c
    print(f"finished in {time.perf_counter() - t0:.2f} s")


asyncio.run(main())
