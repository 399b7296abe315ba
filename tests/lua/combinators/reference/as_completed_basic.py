import asyncio
from _luastyle import s, p, el


async def work(name, delay):
    await asyncio.sleep(delay)
    return name


async def fail(name, delay):
    await asyncio.sleep(delay)
    raise ValueError(name)


async def main():
    loop = asyncio.get_running_loop()

    # results in completion order
    t0 = loop.time()
    for aw in asyncio.as_completed([work("a", 0.3), work("b", 0.1), work("c", 0.2)]):
        r = await aw
        p("1 got", r, el(t0))

    # tasks and coroutines mixed; errors are raised by the awaitable that carries them
    t0 = loop.time()
    t = asyncio.create_task(work("d", 0.2))
    for aw in asyncio.as_completed([t, fail("e", 0.1), work("f", 0.3)]):
        try:
            r = await aw
            p("2 got", r, el(t0))
        except ValueError as e:
            p("2 error", e, el(t0))

    # a timeout: what finishes in time, then TimeoutError; nothing is cancelled
    t0 = loop.time()
    slow = asyncio.create_task(work("h", 0.4))
    try:
        for aw in asyncio.as_completed([work("g", 0.1), slow], timeout=0.2):
            r = await aw
            p("3 got", r, el(t0))
    except TimeoutError as e:
        p("3 timeout", e, el(t0))
    p("3 slow cancelled", slow.cancelled())
    p("3 slow result", await slow, el(t0))

    # the iterator yields as many awaitables as it was given
    count = 0
    for aw in asyncio.as_completed([work("i", 0.1), work("j", 0.1), asyncio.sleep(0.2, "k")]):
        await aw
        count += 1
    p("4 count", count)

    # nothing to wait for
    count = 0
    for aw in asyncio.as_completed([]):
        count += 1
    p("5 count", count)


asyncio.run(main())
