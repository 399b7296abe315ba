import asyncio
from _luastyle import fmt


async def quick():
    return 1


async def slow():
    await asyncio.sleep(1)


async def main():
    for order in ("slow,quick", "quick,slow"):
        if order == "slow,quick":
            g = asyncio.gather(slow(), quick(), return_exceptions=True)
        else:
            g = asyncio.gather(quick(), slow(), return_exceptions=True)
        await asyncio.sleep(0)
        g.cancel("bye")
        try:
            await g
        except asyncio.CancelledError as e:
            print(f"{order}\t{fmt(e)}")


asyncio.run(main())
