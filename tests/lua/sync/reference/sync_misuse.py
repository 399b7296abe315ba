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

    # 2. a constructor given more arguments than it takes refuses them
    #    (Lock(loop), a leftover of Python before 3.10, included), and takes
    #    what it takes
    calls = [("Lock", asyncio.Lock, (1,)), ("Lock", asyncio.Lock, (None,)),
             ("Event", asyncio.Event, (1,)), ("Condition", asyncio.Condition, (asyncio.Lock(), 1)),
             ("Semaphore", asyncio.Semaphore, (1, 2)), ("BoundedSemaphore", asyncio.BoundedSemaphore, (1, 2)),
             ("Barrier", asyncio.Barrier, (2, 1))]
    for name, cls, args in calls:
        try:
            cls(*args)
            p("2", name, len(args), "arguments taken")
        except TypeError:
            p("2", name, len(args), "arguments refused")
    for name, cls, args in [("Lock", asyncio.Lock, ()), ("Event", asyncio.Event, ()),
                            ("Condition", asyncio.Condition, (asyncio.Lock(),)),
                            ("Semaphore", asyncio.Semaphore, (2,)), ("Barrier", asyncio.Barrier, (2,))]:
        cls(*args)
        p("2", name, len(args), "arguments taken")


asyncio.run(main())
