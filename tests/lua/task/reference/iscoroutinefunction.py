import asyncio
from _luastyle import lua


async def fetch():
    return 1


def plain():
    return 1


def returns_coro():
    return fetch()


async def main():
    c = fetch()
    for name, f in [
        ("async function", fetch),
        ("asyncio.sleep", asyncio.sleep),
        ("asyncio.wait_for", asyncio.wait_for),
        ("asyncio.to_thread", asyncio.to_thread),
        ("asyncio.open_connection", asyncio.open_connection),
        ("plain function", plain),
        ("returns a coroutine", returns_coro),
        ("coroutine object", c),
        ("print", print),
        ("nil", None),
    ]:
        print(f"{name}\t{lua(asyncio.iscoroutinefunction(f))}")
    print(await c)


asyncio.run(main())
