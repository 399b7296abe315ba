# to_thread: a blocking function (time.sleep here; a slow library call, a big computation)
# run with asyncio.to_thread goes to a worker thread, so the loop keeps running: the
# ticker ticks while the function blocks. Called directly, it would stop the ticker
# for its whole length (see blocking.py).
# Twin of ../to_thread.lua.
import asyncio
import time


def blocking_read(name):
    print(f"blocking_read({name}): start")
    time.sleep(1.1)  # blocks the worker thread only
    print(f"blocking_read({name}): done")
    return "contents of " + name


async def ticker():
    for i in range(1, 5):
        await asyncio.sleep(0.25)
        print(f"tick {i}")


async def main():
    results = await asyncio.gather(asyncio.to_thread(blocking_read, "data.txt"), ticker())
    print(results[0])


asyncio.run(main())
