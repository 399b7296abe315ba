# A coroutine's arguments are freed when it ends, though the coroutine object
# (or the task that ran it, or the gather) is still held: its frame, which
# held them, is gone.
import asyncio
import gc

alive = 0


class Big:
    def __init__(self):
        global alive
        alive += 1

    def __del__(self):
        global alive
        alive -= 1


def show(label):
    gc.collect()
    print(f"{label}\talive {alive}")


async def f(x, tag):
    await asyncio.sleep(0)
    return tag


async def drops(x):
    x = None
    show("running, its local dropped")
    await asyncio.sleep(0)


async def main():
    c = f(Big(), "inline")
    show("made")
    print(await c)
    show("awaited inline, held")
    try:
        await c
    except RuntimeError as e:
        print(e)
    t = asyncio.create_task(f(Big(), "task"))
    print(await t)
    show("task done, held")
    g = asyncio.gather(f(Big(), "a"), f(Big(), "b"))
    r = await g
    print(f"{r[0]}\t{r[1]}")
    show("gathered, held")
    c = drops(Big())
    await c
    show("end")


asyncio.run(main())
