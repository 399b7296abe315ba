# blocking: time.sleep blocks the whole event loop, so nothing else runs meanwhile and
# two tasks take 1 + 1 = 2 s. await asyncio.sleep only suspends the task that calls it,
# so two tasks sleep at the same time and take 1 s.
# Twin of ../blocking.lua.
import asyncio
import time


async def blocking_worker(name):
    print(f"{name}: start")
    time.sleep(1)  # blocks the loop: no other task can run
    print(f"{name}: done")


async def polite_worker(name):
    print(f"{name}: start")
    await asyncio.sleep(1)  # suspends only this task
    print(f"{name}: done")


async def main():
    t0 = time.perf_counter()
    await asyncio.gather(blocking_worker("blocking A"), blocking_worker("blocking B"))
    print(f"with time.sleep: finished in {time.perf_counter() - t0:.2f} s")

    t0 = time.perf_counter()
    await asyncio.gather(polite_worker("async A"), polite_worker("async B"))
    print(f"with asyncio.sleep: finished in {time.perf_counter() - t0:.2f} s")


asyncio.run(main())
