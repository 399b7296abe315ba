import asyncio


async def worker(me):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"worker cancelled; cancels main:\t{me.cancel()}".replace("False", "false"))
        await asyncio.sleep(0)
        print("worker cleanup done")
        raise


async def main():
    me = asyncio.current_task()
    loop = asyncio.get_running_loop()
    asyncio.create_task(worker(me))
    await asyncio.sleep(0)
    loop.call_soon(lambda: print(f"callback cancels main:\t{me.cancel()}".replace("False", "false")))
    print("main returns")
    return "result"


print(f"run gave\t{asyncio.run(main())}")
print("script goes on")
