# asyncio.current_task() wherever code can run: in a task, in a generator it
# drives, in a finalizer that runs during its step, in its handler of a
# cancellation, after a task it awaited finished, and outside any task (a
# call_soon callback, a done callback).
import asyncio
from _luastyle import lua


def name():
    t = asyncio.current_task()
    return t.get_name() if t is not None else lua(None)


class Probe:
    def __del__(self):
        print(f"finalizer: {name()}")


def gen():
    yield name()


async def child():
    await asyncio.sleep(0)
    return name()


async def victim():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"cancelled, in its handler: {name()}")
        raise


async def inner():
    await asyncio.sleep(0)
    return name()


async def outer():
    return await inner()


async def main():
    loop = asyncio.get_running_loop()
    print(f"main: {name()}")
    print(f"in a generator: {next(gen())}")
    p = Probe()
    del p
    loop.call_soon(lambda: print(f"call_soon callback: {name()}"))
    t = asyncio.create_task(child(), name="child")
    t.add_done_callback(lambda f: print(f"done callback of {f.get_name()}: {name()}"))
    print(f"child returned: {await t}")
    print(f"main after the await: {name()}")
    v = asyncio.create_task(victim(), name="victim")
    await asyncio.sleep(0)
    v.cancel()
    try:
        await v
    except asyncio.CancelledError:
        print(f"main after the cancellation: {name()}")
    print(f"a task running what its function returned: {await asyncio.create_task(outer(), name='outer')}")
    for i in range(3):
        asyncio.create_task(child(), name=f"c{i}").add_done_callback(
            lambda f: print(f"{f.get_name()} saw {f.result()}"))
    await asyncio.sleep(0.01)
    print(f"main at the end: {name()}")


asyncio.run(main())
