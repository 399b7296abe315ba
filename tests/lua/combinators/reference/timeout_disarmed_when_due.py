# A timeout left in the loop iteration whose start found its deadline due:
# the task's wake-up was queued first, then the deadline passed (a blocking
# time.sleep), so that iteration runs the wake-up -- the task leaves the
# scope -- and then the expiry, which must do nothing: the task goes on
# uncancelled.
import asyncio
import time
from _luastyle import p


async def main():
    loop = asyncio.get_running_loop()
    ev = asyncio.Event()
    holder = {}

    async def waker():
        ev.set()
        holder["cm"].reschedule(loop.time() + 0.001)
        time.sleep(0.002)
        p("waker done")

    async with asyncio.timeout(None) as cm:
        holder["cm"] = cm
        w = asyncio.create_task(waker())
        await ev.wait()
        p("woken", "expired", cm.expired())
    p("left the scope", "expired", cm.expired())
    for _ in range(3):
        await asyncio.sleep(0)
    p("still running", "cancelling", asyncio.current_task().cancelling())
    await w

    # wait_for: the same for its timeout
    ev2 = asyncio.Event()

    async def setter():
        ev2.set()
        time.sleep(0.002)
        p("setter done")

    async def inner():
        await ev2.wait()
        return "value"

    s = asyncio.create_task(setter())
    p("wait_for", await asyncio.wait_for(inner(), 0.001))
    for _ in range(3):
        await asyncio.sleep(0)
    p("still running", "cancelling", asyncio.current_task().cancelling())
    await s

    # A deadline due in the iteration where a callback, run before it,
    # reschedules the timeout into the past
    loop = asyncio.get_running_loop()
    holder = {}
    when = loop.time() + 0.05

    def resched():
        p("rescheduled into the past")
        holder["cm3"].reschedule(loop.time() - 1)

    loop.call_at(when, resched)
    raised = False
    try:
        async with asyncio.timeout_at(when) as scope:
            holder["cm3"] = scope
            await asyncio.sleep(1)
    except TimeoutError:
        raised = True
    p("raised TimeoutError", raised, "cancelling", asyncio.current_task().cancelling(),
      "expired", holder["cm3"].expired())


asyncio.run(main())
