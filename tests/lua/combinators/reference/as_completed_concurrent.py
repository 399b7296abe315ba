import asyncio
from _luastyle import s, p, el


async def main():
    loop = asyncio.get_running_loop()

    # two awaitables awaited at the same time each get one result, in order
    t0 = loop.time()
    aws = list(asyncio.as_completed([asyncio.sleep(0.2, "a"), asyncio.sleep(0.1, "b")]))
    t1 = asyncio.ensure_future(aws[0])
    t2 = asyncio.ensure_future(aws[1])
    p("1 got", await t1, await t2, el(t0))

    # gather over all the awaitables: the results in completion order
    t0 = loop.time()
    rs = await asyncio.gather(*asyncio.as_completed(
        [asyncio.sleep(0.3, "c"), asyncio.sleep(0.1, "d"), asyncio.sleep(0.2, "e")]))
    p("2 got", *rs, el(t0))

    # a waiter cancelled after it was woken passes the result to the next
    t0 = loop.time()
    first = asyncio.create_task(asyncio.sleep(0.1, "f"))
    aws = list(asyncio.as_completed([first, asyncio.sleep(0.2, "g")]))
    t1 = asyncio.ensure_future(aws[0])
    t2 = asyncio.ensure_future(aws[1])
    first.add_done_callback(lambda _: p("3 cancel t1", t1.cancel()))
    r2 = await t2
    p("3 t2 got", r2, el(t0))
    try:
        await t1
    except asyncio.CancelledError:
        p("3 t1 cancelled", t1.cancelled(), el(t0))


asyncio.run(main())
