import asyncio
from _luastyle import s, p, el


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        p("stubborn caught the cancel")
        await asyncio.sleep(0.1)
        return "late value"


async def slow_cleanup():
    try:
        await asyncio.sleep(1)
    finally:
        p("cleanup starts")
        await asyncio.sleep(0.2)
        p("cleanup ends")


async def main():
    loop = asyncio.get_running_loop()
    me = asyncio.current_task()

    # a coroutine given to wait_for runs in the caller's task
    async def where():
        p("same task", asyncio.current_task() is me)
        return "w"

    p("result", await asyncio.wait_for(where(), 1))

    # the inner coroutine swallows the cancel and returns: wait_for returns its value
    t0 = loop.time()
    r = await asyncio.wait_for(stubborn(), 0.1)
    p("result", r, el(t0), "cancelling", me.cancelling())

    # TimeoutError comes only after the inner cleanup has finished
    t0 = loop.time()
    try:
        await asyncio.wait_for(slow_cleanup(), 0.1)
    except TimeoutError:
        p("timeout", el(t0), "cancelling", me.cancelling())

    # the same with a task
    t0 = loop.time()
    t = asyncio.create_task(slow_cleanup())
    try:
        await asyncio.wait_for(t, 0.1)
    except TimeoutError:
        p("timeout", el(t0), "task done", t.done(), t.cancelled())


asyncio.run(main())
