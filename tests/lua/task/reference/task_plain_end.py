# Reference for task_plain_end.lua: tasks that end by returning, as most do
# (the kernel starts and ends them itself), beside the cases that end
# otherwise: done callbacks and a waiting task in order, a task that cancels
# itself before it returns, one that caught an awaited task's error, one
# whose function returns a coroutine, all_tasks afterwards.
import asyncio
from _luastyle import lua


async def main():
    async def val(x):
        await asyncio.sleep(0)
        return x

    t = asyncio.create_task(val(42))
    t.add_done_callback(lambda f: print("A callback 1", f.result(), sep="\t"))

    async def waiter():
        print("A waiter got", await t, sep="\t")

    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    t.add_done_callback(lambda f: print("A callback 2", f.result(), sep="\t"))
    await w
    print("A done", lua(t.done()), t.result(), sep="\t")

    async def self_cancel(x):
        await asyncio.sleep(0)
        asyncio.current_task().cancel()
        return x

    t = asyncio.create_task(self_cancel(1))
    try:
        await t
    except asyncio.CancelledError:
        print("B cancelled", lua(t.cancelled()), sep="\t")

    async def boom(x):
        await asyncio.sleep(0)
        raise ValueError(x)

    async def survivor(x):
        try:
            await asyncio.create_task(boom(x))
        except ValueError as e:
            print("C caught", e, sep="\t")
        return "survived"

    print("C", await asyncio.create_task(survivor("bad")), sep="\t")

    t = asyncio.create_task(asyncio.sleep(0, "slept"))
    print("D", await t, sep="\t")

    ts = [asyncio.create_task(val(i)) for i in range(3)]
    print("E", "[" + ", ".join(map(str, await asyncio.gather(*ts))) + "]", len(asyncio.all_tasks()), sep="\t")


asyncio.run(main())
