# cancel(msg) with a message that is not a string: the CancelledError keeps
# the value, as its repr shows it (CancelledError(5), unquoted), and str(e)
# is its text -- in luasync e.message is always that text, tostring of the
# value. A task's, a Future's, a task's cancelled while it waits on a
# Future, and one cancelled before it started.
import asyncio
from _luastyle import fmt


def shown(e):
    # the error as a finished Future's repr shows it
    f = asyncio.get_running_loop().create_future()
    f.set_result(e)
    return repr(f)


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    t.cancel(5)
    try:
        await t
    except asyncio.CancelledError as e:
        print(fmt(e), str(e), shown(e), sep="\t")

    f = loop.create_future()
    f.cancel(2.5)
    try:
        f.result()
    except asyncio.CancelledError as e:
        print(fmt(e), str(e), shown(e), sep="\t")

    async def waits(fut):
        await fut

    t = asyncio.create_task(waits(loop.create_future()))
    await asyncio.sleep(0)
    t.cancel(42)
    try:
        await t
    except asyncio.CancelledError as e:
        print(fmt(e), str(e), shown(e), sep="\t")

    t = asyncio.create_task(asyncio.sleep(10))
    t.cancel(7)
    try:
        await t
    except asyncio.CancelledError as e:
        print(fmt(e), str(e), shown(e), sep="\t")

    # a string stays quoted, as any error's message
    t = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    t.cancel("5")
    try:
        await t
    except asyncio.CancelledError as e:
        print(fmt(e), str(e), shown(e), sep="\t")


asyncio.run(main())
