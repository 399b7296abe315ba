# Two asyncio.run() calls in one script, as lessons often do: the first
# run's leftover task is cancelled (its cleanup runs) before the second
# starts, and an error a leftover raises while cancelling is reported.
import asyncio


async def ticker():
    try:
        while True:
            print("t1 tick")
            await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("t1 cancelled")
        raise


async def demo1():
    asyncio.create_task(ticker())
    await asyncio.sleep(1.5)
    print("demo1 done")


async def demo2():
    await asyncio.sleep(0.5)
    print("demo2 done")


asyncio.run(demo1())
print("between")
asyncio.run(demo2())
print("end")
