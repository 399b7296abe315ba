# Twin of ../event_start.lua
import asyncio
import time


async def main():
    go = asyncio.Event()
    t0 = time.perf_counter()

    async def runner(name):
        print(name + " ready")
        await go.wait()
        print("%s starts at %.1f s" % (name, time.perf_counter() - t0))

    tasks = [asyncio.create_task(runner("runner-%d" % i)) for i in range(1, 4)]
    await asyncio.sleep(2)
    print("ready, steady... go!")
    go.set()
    await asyncio.gather(*tasks)
    print("event set? " + str(go.is_set()).lower())


asyncio.run(main())
