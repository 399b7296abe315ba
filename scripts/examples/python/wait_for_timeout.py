# wait_for_timeout: put a deadline on an awaitable. When the deadline passes, wait_for
# cancels the inner coroutine (its cleanup runs), waits for it, then raises TimeoutError.
# Twin of ../wait_for_timeout.lua.
import asyncio
import time


async def operation(name, delay):
    print(f"{name}: started")
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{name}: cancelled")
        raise
    print(f"{name}: done")
    return delay * 10


async def main():
    t0 = time.perf_counter()
    r = await asyncio.wait_for(operation("fast", 1), timeout=2)
    print(f"fast: result {r} after {time.perf_counter() - t0:.2f} s")

    t0 = time.perf_counter()
    try:
        await asyncio.wait_for(operation("slow", 10), timeout=1.5)
    except TimeoutError:
        print(f"timeout: gave up on slow after {time.perf_counter() - t0:.2f} s")


asyncio.run(main())
