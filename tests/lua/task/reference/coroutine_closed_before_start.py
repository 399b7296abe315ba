import asyncio
from _luastyle import fmt


async def f(x):
    print(f"f runs\t{x}")
    return x


def show(label, t):
    if t.cancelled():
        print(f"{label}\tcancelled")
    elif t.exception() is not None:
        print(f"{label}\traised\t{fmt(t.exception())}")
    else:
        print(f"{label}\tok\t{t.result()}")


async def main():
    c = f(1)
    t1 = asyncio.create_task(c)
    c.close()
    try:
        print(f"await t1\ttrue\t{await t1}")
    except RuntimeError as e:
        print(f"await t1\tfalse\t{fmt(e)}")

    t2 = asyncio.create_task(f(2))
    t2.get_coro().close()
    t3 = asyncio.create_task(f(3))
    t3.get_coro().close()

    c4 = f(4)
    t4 = asyncio.create_task(c4)
    c4.close()
    c4.close()
    t4.cancel()

    c5 = f(5)
    t5 = asyncio.create_task(c5)
    print(f"await c5\t{await c5}")
    t5.cancel()

    s6 = asyncio.sleep(0, "six")
    t6 = asyncio.create_task(s6)
    s6.close()
    t6.cancel()

    s7 = asyncio.sleep(0, "seven")
    t7 = asyncio.create_task(s7)
    s7.close()

    # A close after the task ran its coroutine changes nothing.
    c8 = f(8)
    t8 = asyncio.create_task(c8)
    await asyncio.sleep(0)
    c8.close()

    await asyncio.sleep(0)
    show("t2", t2)
    show("t3", t3)
    show("t4", t4)
    show("t5", t5)
    show("t6", t6)
    show("t7", t7)
    show("t8", t8)


asyncio.run(main())
