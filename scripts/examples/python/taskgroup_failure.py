# Twin of ../taskgroup_failure.lua
import asyncio


async def t1_job():
    await asyncio.sleep(1)
    raise ValueError("t1 went wrong")


async def t2_job():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("t2: cancelled at the 1 s mark, cleaning up")
        raise
    print("t2: finished")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            t1 = tg.create_task(t1_job())
            t2 = tg.create_task(t2_job())
    except ExceptionGroup as eg:
        print("caught: ExceptionGroup: " + str(eg))
        for e in eg.exceptions:
            print("  sub-exception: %s: %s" % (type(e).__name__, e))
    print("t1 cancelled? " + str(t1.cancelled()).lower())
    print("t2 cancelled? " + str(t2.cancelled()).lower())


asyncio.run(main())
