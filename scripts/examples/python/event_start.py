# event_start: several runners wait on one asyncio.Event; a single set() starts them all
# at the same moment, in the order they started waiting. Waiting on an Event that is
# already set returns at once.
# Twin of ../event_start.lua.
import asyncio
import time

t0 = None


def log(msg):
    print(f"{time.perf_counter() - t0:3.1f} s  {msg}")


async def runner(name, start, pace):
    log(f"{name} is at the line")
    await start.wait()
    log(f"{name} starts")
    await asyncio.sleep(pace)
    log(f"{name} finishes")
    return name


async def main():
    global t0
    t0 = time.perf_counter()
    start = asyncio.Event()
    race = asyncio.gather(runner("ann", start, 3), runner("bob", start, 2), runner("cy", start, 2.5))
    await asyncio.sleep(1)
    log(f"ready... set... go! (is_set: {str(start.is_set()).lower()})")
    start.set()
    order = await race
    log(f"results in the order passed: {', '.join(order)}")
    await start.wait()  # already set: returns at once
    log(f"a late waiter passes at once (is_set: {str(start.is_set()).lower()})")


asyncio.run(main())
