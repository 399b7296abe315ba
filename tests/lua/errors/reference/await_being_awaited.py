import asyncio
from _luastyle import fmt


async def g():
    await asyncio.sleep(1)
    return "g done"


async def main():
    async def attempt(label, aw):
        try:
            await aw
            print(f"{label}\tok")
        except RuntimeError as e:
            print(f"{label}\t{fmt(e)}")

    c = g()

    async def first():
        return await c

    t = asyncio.create_task(first())
    await asyncio.sleep(0)
    await attempt("awaited inline, suspended", c)
    print(await t)
    await attempt("awaited inline, finished", c)
    c = g()
    t = asyncio.create_task(c)
    await asyncio.sleep(0)
    await attempt("a task's, suspended", c)
    print(await t)
    await attempt("a task's, finished", c)
    s = asyncio.sleep(1, "s")

    async def waits():
        return await s

    t = asyncio.create_task(waits())
    await asyncio.sleep(0)
    await attempt("sleep, pending", s)
    print(await t)
    await attempt("sleep, finished", s)


asyncio.run(main())
