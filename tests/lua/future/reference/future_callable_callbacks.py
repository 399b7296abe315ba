import asyncio


class Counter:
    def __init__(self, name):
        self.name = name
        self.calls = 0

    def __call__(self, f):
        self.calls += 1
        print(f"{self.name} called: {f.result()}")


async def main():
    loop = asyncio.get_running_loop()
    # a callable object on a pending future, a task, and a done future
    a = Counter("a")
    fut = loop.create_future()
    fut.add_done_callback(a)
    fut.set_result(1)
    await asyncio.sleep(0)

    async def work():
        await asyncio.sleep(0)
        return 5

    t = asyncio.create_task(work())
    t.add_done_callback(a)
    await t
    await asyncio.sleep(0)

    done = loop.create_future()
    done.set_result(2)
    done.add_done_callback(a)
    await asyncio.sleep(0)
    print(f"a calls: {a.calls}")

    # remove_done_callback finds it by the object given
    b = Counter("b")
    f2 = loop.create_future()
    f2.add_done_callback(b)
    f2.add_done_callback(a)
    f2.add_done_callback(b)
    print(f"removed b: {f2.remove_done_callback(b)}")
    f2.set_result(3)
    await asyncio.sleep(0)
    print(f"b calls: {b.calls}")

    # a callable object as a loop callback
    loop.call_soon(Counter("c"), fut)
    await asyncio.sleep(0)

asyncio.run(main())
