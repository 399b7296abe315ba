# as_completed: iterate over awaitables in the order they finish, not the order given.
# Twin of ../as_completed.lua.
import asyncio
import time


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name} (slept {delay} s)"


async def main():
    t0 = time.perf_counter()
    aws = [fetch("A", 3), fetch("B", 1), fetch("C", 2)]
    for next_done in asyncio.as_completed(aws):
        r = await next_done
        print(f"{time.perf_counter() - t0:.2f} s: {r}")


asyncio.run(main())
