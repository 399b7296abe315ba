# gather: run several coroutines concurrently and collect their return values.
# The results come back in the order the coroutines were passed, not the order they finished.
# Twin of ../gather.lua.
import asyncio
import time


async def fetch(what, delay, value):
    print(f"fetch {what}: started")
    await asyncio.sleep(delay)
    print(f"fetch {what}: done")
    return value


async def main():
    t0 = time.perf_counter()
    results = await asyncio.gather(fetch("users", 2, 42), fetch("orders", 1, 7))
    print(f"results: {results[0]}, {results[1]} ({len(results)} values)")
    print(f"finished in {time.perf_counter() - t0:.2f} s")


asyncio.run(main())
