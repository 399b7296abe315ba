# future: a Future is a placeholder for a result that somebody else provides later.
# main awaits it; another task sets it with set_result, which wakes main up.
# (The low-level example from the asyncio docs for loop.create_future.)
# Twin of ../future.lua.
import asyncio
import time


async def set_after(fut, delay, value):
    await asyncio.sleep(delay)
    print(f"setter: set_result({value!r})")
    fut.set_result(value)


async def main():
    t0 = time.perf_counter()
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    setter = asyncio.create_task(set_after(fut, 1, "hello world"))
    print(f"main: future is {'done' if fut.done() else 'pending'}, awaiting it")
    value = await fut
    print(f"main: got {value!r} after {time.perf_counter() - t0:.2f} s")
    print(f"main: future is {'done' if fut.done() else 'pending'}")
    await setter


asyncio.run(main())
