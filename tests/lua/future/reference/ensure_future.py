import asyncio
from _luastyle import s, p, el


async def work(x):
    p("work runs", x)
    return x * 2


async def main():
    loop = asyncio.get_running_loop()

    # a coroutine becomes a Task
    c = work(21)
    p("1 coroutine", asyncio.iscoroutine(c), "isfuture", asyncio.isfuture(c))
    t = asyncio.ensure_future(c)
    p("1 task", asyncio.isfuture(t), "iscoroutine", asyncio.iscoroutine(t), "done", t.done())
    p("1 result", await t, "done", t.done())

    # the task is scheduled at once, like create_task
    t = asyncio.ensure_future(work(1))
    p("2 before sleep")
    await asyncio.sleep(0)
    p("2 after sleep", t.done(), t.result())

    # a Future, a Task or a gather future is returned as it is
    f = loop.create_future()
    p("3 same future", asyncio.ensure_future(f) is f, asyncio.isfuture(f))
    f2 = asyncio.Future()
    p("3 Future()", asyncio.ensure_future(f2) is f2, asyncio.isfuture(f2))
    t = asyncio.create_task(work(2))
    p("3 same task", asyncio.ensure_future(t) is t)
    g = asyncio.gather()
    p("3 same gather", asyncio.ensure_future(g) is g)
    f.set_result("x")
    p("3 future result", await f)
    await t

    # what is and is not a coroutine or a future
    s = asyncio.sleep(0)
    p("4 sleep() iscoroutine", asyncio.iscoroutine(s))
    await s
    p("4 function", asyncio.iscoroutine(work), asyncio.isfuture(work))
    p("4 number", asyncio.iscoroutine(1), asyncio.isfuture(1))
    p("4 string", asyncio.iscoroutine("x"), asyncio.isfuture("x"))

    # anything else is a TypeError
    try:
        asyncio.ensure_future(1)
    except TypeError as e:
        p("5", e)


asyncio.run(main())
