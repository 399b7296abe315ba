import asyncio
from _luastyle import lua


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def cb1(f):
        print(f"cb1 result={f.result()}")

    def cb2(f):
        print(f"cb2 result={f.result()} same={lua(f is fut)}")

    fut.add_done_callback(cb1)
    fut.add_done_callback(cb2)
    fut.add_done_callback(cb1)

    async def waiter(name):
        print(f"{name} waits")
        v = await fut
        print(f"{name} got {v}")

    w1 = asyncio.create_task(waiter("w1"))
    await asyncio.sleep(0)
    fut.add_done_callback(cb2)
    w2 = asyncio.create_task(waiter("w2"))
    await asyncio.sleep(0)
    print(f"removed cb1: {fut.remove_done_callback(cb1)}")
    fut.add_done_callback(cb1)

    # set_result only schedules the callbacks
    fut.set_result("v")
    print("set_result returned")
    await asyncio.sleep(0)
    print("main after sleep(0)")
    await w1
    await w2

    # a callback that resolves another future
    f1 = loop.create_future()
    f2 = loop.create_future()
    f1.add_done_callback(lambda f: f2.set_result(f.result() + 1))
    loop.call_later(0.05, f1.set_result, 10)
    print(f"chained -> {await f2}")

    # cancelling a future runs its callbacks too
    f3 = loop.create_future()
    f3.add_done_callback(lambda f: print(f"f3 callback cancelled={lua(f.cancelled())}"))
    print(f"cancel -> {lua(f3.cancel())}")
    await asyncio.sleep(0)

    # a callback added to a finished future runs soon, not at once
    f3.add_done_callback(lambda f: print("late callback"))
    print("added late callback")
    await asyncio.sleep(0)
    print("main end")


asyncio.run(main())
