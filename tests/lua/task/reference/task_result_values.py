import asyncio
import re
from _luastyle import lua


def show(t):
    # file paths and line numbers differ between languages: strip them
    r = repr(t)
    r = re.sub(r" coro=<[^<>]*>", "", r)
    r = re.sub(r" wait_for=<[^<>]*>", "", r)
    print(r)


async def value(x):
    await asyncio.sleep(0.01)
    return x * 2


async def nothing():
    await asyncio.sleep(0)


async def fails():
    await asyncio.sleep(0)
    raise ValueError("boom")


async def sleeper():
    await asyncio.sleep(1)


async def main():
    print(asyncio.current_task().get_name())
    r = await value(5)
    print(f"inline result {r}")
    t = asyncio.create_task(value(21))
    show(t)
    print(t.get_name())
    r = await t
    print(f"task result {r}")
    show(t)
    print(f"result() {t.result()}")

    n = asyncio.create_task(nothing())
    r = await n
    print(f"nothing returned {lua(r)}")

    named = asyncio.create_task(value(1), name="custom")
    print(named.get_name())
    show(named)
    named.set_name("renamed")
    print(named.get_name())
    show(named)
    await named
    show(named)

    # unnamed tasks keep counting from the last unnamed one
    f = asyncio.create_task(fails())
    print(f.get_name())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"failed done={lua(f.done())} cancelled={lua(f.cancelled())}")
    print(f"exception {type(f.exception()).__name__}: {f.exception()}")
    show(f)

    s = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    show(s)
    s.cancel()
    show(s)
    await asyncio.sleep(0)
    show(s)
    print(f"cancelled={lua(s.cancelled())} done={lua(s.done())}")
    print(f"current is main: {asyncio.current_task().get_name()}")


asyncio.run(main())
