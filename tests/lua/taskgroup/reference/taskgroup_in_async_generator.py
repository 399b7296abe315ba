import asyncio
from _luastyle import s, p


async def child(name, fail_after=None):
    try:
        await asyncio.sleep(10 if fail_after is None else fail_after)
    except asyncio.CancelledError:
        p(name, "cancelled")
        await asyncio.sleep(0.01)
        p(name, "cleaned up")
        raise
    p(name, "fails")
    raise ValueError(name + " boom")


async def gen(failing):
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child("worker"))
        if failing:
            tg.create_task(child("failing", 1.5))
        for i in range(1, 6):
            await asyncio.sleep(1)
            yield i
    p("gen: after the group")


async def consume(failing):
    try:
        async for i in gen(failing):
            p("got", i)
    except BaseException as e:
        p("consumer:", e)
        raise


async def main():
    # 1. the consumer is cancelled while the generator awaits in its group:
    #    the group cancels its children and waits for them
    consumer = asyncio.create_task(consume(False))
    await asyncio.sleep(2.5)
    consumer.cancel()
    try:
        await consumer
    except asyncio.CancelledError:
        p("1. consumer cancelled:", consumer.cancelled())

    # 2. a child fails while the generator awaits: the group cancels the
    #    generator's await and the other child, and raises its ExceptionGroup
    #    through the loop
    try:
        await consume(True)
    except ExceptionGroup as eg:
        p("2. caught", eg, [s(e) for e in eg.exceptions][0])
    p("tasks left:", len(asyncio.all_tasks()))


asyncio.run(main())
