import asyncio
from _luastyle import lua


async def main():
    # an error in a callback is reported (on stderr) and the loop goes on
    loop = asyncio.get_running_loop()

    def bad():
        print("bad callback runs")
        raise ValueError("callback failure")

    def good(label):
        print(f"good callback {label}")

    loop.call_soon(good, 1)
    loop.call_soon(bad)
    loop.call_soon(good, 2)
    await asyncio.sleep(0)
    print("main after sleep(0)")

    loop.call_later(0.05, bad)
    loop.call_later(0.1, good, 3)
    await asyncio.sleep(0.2)
    print("main after timers")

    # an error in a done callback does not disturb the task or the others
    async def work():
        await asyncio.sleep(0.01)
        return "work result"

    t = asyncio.create_task(work())
    t.add_done_callback(lambda f: good("before"))
    t.add_done_callback(lambda f: bad())
    t.add_done_callback(lambda f: good("after"))
    print(await t)
    await asyncio.sleep(0)
    print(f"task ok: done={lua(t.done())} result={t.result()}")
    print("main end")


asyncio.run(main())
