# taskgroup_failure: when one child of an asyncio.TaskGroup fails, the group cancels the
# others, waits for them, and raises an ExceptionGroup holding every child's error.
# Twin of ../taskgroup_failure.lua.
import asyncio
import time

t0 = None


def log(msg):
    print(f"{time.perf_counter() - t0:3.1f} s  {msg}")


async def fails_after(delay):
    await asyncio.sleep(delay)
    log("t1 fails")
    raise ValueError("t1 went wrong")


async def works_for(delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        log("t2 is cancelled")
        raise  # re-raise the CancelledError
    log("t2 finished")


async def main():
    global t0
    t0 = time.perf_counter()
    try:
        async with asyncio.TaskGroup() as tg:
            t1 = tg.create_task(fails_after(1))
            t2 = tg.create_task(works_for(5))
            log("both started")
    except ExceptionGroup as err:
        log(f"caught {type(err).__name__}: {err}")
        for e in err.exceptions:
            log(f"  {type(e).__name__}: {e}")
    print(f"t1 cancelled? {str(t1.cancelled()).lower()}")
    print(f"t2 cancelled? {str(t2.cancelled()).lower()}")


asyncio.run(main())
