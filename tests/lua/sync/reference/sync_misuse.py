import asyncio
from _luastyle import s, p


async def main():
    # 1. await of a primitive (it has no __await__): the TypeError names
    #    its class
    objs = [("Lock", asyncio.Lock()), ("Event", asyncio.Event()),
            ("Condition", asyncio.Condition()), ("Semaphore", asyncio.Semaphore()),
            ("BoundedSemaphore", asyncio.BoundedSemaphore()), ("Barrier", asyncio.Barrier(1))]
    for name, o in objs:
        try:
            await o
        except TypeError as e:
            p("1", name, s(e))


asyncio.run(main())
