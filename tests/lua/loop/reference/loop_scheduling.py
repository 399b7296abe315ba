import asyncio
from _luastyle import lua


def say(text):
    print(text)


async def w(n):
    print(f"task {n}")


async def main():
    # timers already due join the ready queue after what is already there;
    # a cancelled handle never runs; a task created in a callback starts on
    # the next iteration
    loop = asyncio.get_running_loop()
    loop.call_later(0, say, "later0")
    loop.call_at(loop.time() - 1, say, "at past")
    loop.call_soon(say, "soon1")
    h = loop.call_soon(say, "soon cancelled")
    loop.call_soon(lambda: asyncio.create_task(w("from callback")))
    loop.call_soon(say, "soon2")
    h.cancel()
    print(f"cancelled {lua(h.cancelled())}")
    await asyncio.sleep(0)
    print("main 1")
    await asyncio.sleep(0)
    print("main 2")
    await asyncio.sleep(0)
    print("main 3")

    # a timer cancelled before it is due never runs; time order wins over
    # creation order
    t0 = loop.time()
    a = loop.call_later(0.2, say, "a (cancelled)")
    loop.call_later(0.3, say, "b at 0.3")
    loop.call_later(0.1, lambda: a.cancel())
    loop.call_later(0.1, say, "c at 0.1")
    await asyncio.sleep(0.4)
    print(f"main at {loop.time() - t0:.1f}")


asyncio.run(main())
