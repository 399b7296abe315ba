import asyncio
from _luastyle import p


async def leftover(tag):
    print(f"{tag}\tleftover started")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{tag}\tleftover cancelled\ttrue")
        raise


async def starts():
    asyncio.create_task(leftover("first"))
    return "main result"


p("run gave", asyncio.run(starts()))


async def worker():
    print("worker step 1")
    await asyncio.sleep(0)
    print("worker step 2")
    await asyncio.sleep(0)
    print("worker step 3")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("worker cancelled at its sleep(10)\ttrue")


async def wakes():
    asyncio.create_task(worker())
    await asyncio.sleep(0)
    print("main ends")
    return 1


p("run gave", asyncio.run(wakes()))


async def late():
    print("late step 1")
    await asyncio.sleep(0)
    print("late step 2")
    await asyncio.sleep(0)
    print("late step 3")


async def after():
    loop = asyncio.get_running_loop()
    f = loop.create_future()

    def cb():
        f.set_result("set")
        asyncio.create_task(late())

    loop.call_soon(cb)
    return await f


p("run gave", asyncio.run(after()))


async def callbacks():
    loop = asyncio.get_running_loop()
    loop.call_soon(lambda: print("call_soon callback ran"))
    f = loop.create_future()
    f.add_done_callback(lambda f: print("done callback ran"))
    f.set_result(1)

    async def t():
        print("task first step ran")

    asyncio.create_task(t())
    return "callbacks"


p("run gave", asyncio.run(callbacks()))


async def fails():
    asyncio.create_task(leftover("failing"))
    raise ValueError("boom")


try:
    asyncio.run(fails())
except ValueError as e:
    p("run gave", False, e)


# The script's end is the end of its main (the whole script as one asyncio.run).
async def script():
    print("script ends")
    asyncio.create_task(leftover("script"))


asyncio.run(script())
