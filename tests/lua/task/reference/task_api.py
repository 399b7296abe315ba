import asyncio
from _luastyle import lua, fmt


async def f(x):
    await asyncio.sleep(0.01)
    return x


async def main():
    me = asyncio.current_task()
    print(f"current task: {me.get_name()} done={lua(me.done())}")

    # coroutine objects
    c = f(1)
    print(f"iscoroutine(c)={lua(asyncio.iscoroutine(c))} iscoroutine(f)={lua(asyncio.iscoroutine(f))}")
    print(f"first await -> {await c}")
    try:
        await c
    except RuntimeError as e:
        print(f"second await: {fmt(e)}")

    # a value that is not awaitable
    try:
        await 5
    except TypeError:
        print("await 5: TypeError")

    # get_coro, isfuture, ensure_future
    c = f(2)
    t = asyncio.create_task(c)
    print(f"get_coro is the coroutine: {lua(t.get_coro() is c)}")
    print(f"iscoroutine(task)={lua(asyncio.iscoroutine(t))} isfuture(task)={lua(asyncio.isfuture(t))}")
    e = asyncio.ensure_future(f(3))
    print(f"ensure_future(coro) makes a task named {e.get_name()}")
    print(f"ensure_future(task) is the task: {lua(asyncio.ensure_future(t) is t)}")

    # all_tasks holds the live tasks (sorted here: CPython returns a set)
    names = sorted(x.get_name() for x in asyncio.all_tasks())
    print(f"all_tasks: {' '.join(names)}")
    print(f"{await t} {await e}")
    names = sorted(x.get_name() for x in asyncio.all_tasks())
    print(f"all_tasks after: {' '.join(names)}")

    # current_task inside a child task
    async def who():
        return asyncio.current_task().get_name()

    print(f"child sees {await asyncio.create_task(who(), name='child')}")
    print(f"inline sees {await who()}")


asyncio.run(main())
