import asyncio
import gc
from _luastyle import fmt


async def f(x):
    print(f"f start\t{x}")
    await asyncio.sleep(1)
    print(f"f end\t{x}")
    return x


async def quick(x):
    print(f"quick\t{x}")
    return x


async def main():
    async def show(label, aw):
        try:
            print(f"{label}\tok\t{await aw}")
        except RuntimeError as e:
            print(f"{label}\traised\t{fmt(e)}")

    c = quick(1)
    t = asyncio.create_task(c)
    await show("await", c)
    await show("task", t)
    c = f(2)
    t = asyncio.create_task(c)
    await show("await", c)
    await show("task", t)
    c = asyncio.sleep(1, 4)
    t = asyncio.create_task(c)
    await show("await op", c)
    await show("task", t)
    q = asyncio.Queue()
    q.put_nowait(5)
    c = q.get()
    t = asyncio.create_task(c)
    await show("await op", c)
    await show("task", t)
    c = quick(3)
    asyncio.create_task(c)
    await show("await", c)
    await asyncio.sleep(0)
    gc.collect()
    print("end")


asyncio.run(main())
