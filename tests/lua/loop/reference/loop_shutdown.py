import asyncio
from _luastyle import fmt


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
