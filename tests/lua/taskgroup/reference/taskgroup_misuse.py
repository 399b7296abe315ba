import asyncio
from _luastyle import s, p


async def work(name, delay=0.01):
    await asyncio.sleep(delay)
    p(name, "finished")
    return name


async def main():
    # 1. create_task after the block ended
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work("1 child"))
    try:
        tg.create_task(work("1 never runs"))
    except RuntimeError as e:
        p("1", e)
    try:
        tg.create_task(work("1 never runs either"))  # Lua: tg:spawn(fn, ...)
    except RuntimeError as e:
        p("1", e)

    # 2. while the block waits for its children at the end, a child may still
    #    add tasks to the group
    async def spawner(g):
        await asyncio.sleep(0.01)
        p("2 spawner adds a task")
        g.create_task(work("2 late child"))

    async with asyncio.TaskGroup() as tg:
        tg.create_task(spawner(tg))
        p("2 body ends")
    p("2 block done")

    # 3. create_task while the group is shutting down after a failure
    async def failing():
        await asyncio.sleep(0)
        raise ValueError("boom")

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(failing())
            tg.create_task(work("3 sibling", 1))
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                try:
                    tg.create_task(work("3 never runs"))
                except RuntimeError as e:
                    p("3", e)
                raise
    except ExceptionGroup as eg:
        p("3 caught", eg)

    # 4. a group whose body does nothing
    async with asyncio.TaskGroup() as tg:
        pass
    p("4 empty group ok")
    await asyncio.sleep(0.05)


asyncio.run(main())
