# A child task cancelled with a message: with return_exceptions, gather gives
# a CancelledError without the message (a task clears it when it ends); the
# task's own await still raises the original. The gather future's repr.
import asyncio


def fmt(e):
    s = str(e)
    return type(e).__name__ + (": " + s if s else "")


async def main():
    c = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    c.cancel("cc")
    r = await asyncio.gather(c, return_exceptions=True)
    print("gathered:", fmt(r[0]))
    try:
        await c
    except asyncio.CancelledError as e:
        print("await raised:", fmt(e))
    g = asyncio.gather(asyncio.sleep(1))
    g.cancel("m")
    try:
        await g
    except asyncio.CancelledError:
        pass
    print(repr(g))


asyncio.run(main())
