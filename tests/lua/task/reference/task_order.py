import asyncio
from _luastyle import lua


async def worker(name, n):
    for i in range(n):
        print(f"{name} step {i}")
        await asyncio.sleep(0)
    print(f"{name} done")
    return name


async def main():
    print("main start")
    a = asyncio.create_task(worker("a", 3))
    b = asyncio.create_task(worker("b", 2))
    c = asyncio.create_task(worker("c", 3))
    print("tasks created")
    r = await b
    print(f"main got {r}")
    r = await a
    print(f"main got {r}")
    r = await c
    print(f"main got {r}")

    # awaiting a task that is already done does not yield
    d = asyncio.create_task(worker("d", 1))
    print(f"b done: {lua(b.done())}")
    r = await b
    print(f"await done task gave {r} before d ran")
    # awaiting a coroutine inline does not create a task nor yield
    r = await worker("inline", 0)
    print(f"inline gave {r}")
    await asyncio.sleep(0)
    print("main after sleep(0)")
    r = await d
    print(f"main got {r}")

    # a task created by a task runs after the tasks already ready
    async def parent():
        print("parent start")
        asyncio.create_task(worker("child", 1))
        print("parent created child")
        await asyncio.sleep(0)
        print("parent resumed")

    p = asyncio.create_task(parent())
    q = asyncio.create_task(worker("q", 1))
    await p
    await q
    await asyncio.sleep(0)
    print("main end")


asyncio.run(main())
