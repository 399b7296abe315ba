import asyncio
from _luastyle import lua, fmt


async def main():
    f = asyncio.get_running_loop().create_future()
    f.set_exception(ValueError)
    print(f)
    try:
        await f
    except Exception as e:
        print(f"{fmt(e)}\t{lua(isinstance(e, ValueError))}")

    async def raiser():
        raise ValueError

    t = asyncio.create_task(raiser())
    try:
        await t
    except Exception as e:
        print(f"{fmt(e)}\t{lua(isinstance(e, ValueError))}")

    async def cancels():
        await asyncio.sleep(0)
        raise asyncio.CancelledError

    c = asyncio.create_task(cancels())
    try:
        await c
    except BaseException as e:
        print(f"{fmt(e)}\t{lua(c.cancelled())}")

    async def inner():
        raise TimeoutError

    try:
        await inner()
    except Exception as e:
        print(f"{fmt(e)}\t{lua(isinstance(e, TimeoutError))}")
    try:
        raise ValueError
    except Exception as e:
        print(f"{fmt(e)}\t{lua(isinstance(e, ValueError))}")

    # a class whose constructor needs arguments: the task fails with its error
    async def group():
        raise ExceptionGroup

    g = asyncio.create_task(group())
    try:
        await g
    except Exception as e:
        print(fmt(e))


asyncio.run(main())
