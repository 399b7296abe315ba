import asyncio


def fmt(e):
    # Python's "Name: message" format (what tostring(e) gives in luasync)
    s = str(e)
    return type(e).__name__ + (": " + s if s else "")


async def background():
    print("background start")
    try:
        while True:
            await asyncio.sleep(0.1)
            print("background tick")
    except asyncio.CancelledError as e:
        print(f"background got {fmt(e)}")
        await asyncio.sleep(0.05)
        print("background cleanup done")
        raise


async def quick():
    print("quick runs")
    return "quick"


async def main():
    asyncio.create_task(background())
    asyncio.create_task(quick())
    await asyncio.sleep(0.25)
    print("main returns")


asyncio.run(main())
