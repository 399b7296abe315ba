import asyncio


from _luastyle import p


# A script's end is asyncio.run's end: the tasks left are cancelled, then
# the async generators started and not finished are closed (their finally
# may await), an error there going to the loop's exception handler.
# (One generator: CPython closes several in its WeakSet's order.)

async def numbers():
    try:
        p("gen yields 1")
        yield 1
    finally:
        p("gen finally starts")
        await asyncio.sleep(0)
        p("gen finally raises")
        raise ValueError("boom in finally")


async def background():
    try:
        await asyncio.sleep(10)
    finally:
        p("background cancelled")


def handler(loop, context):
    p("handler:", context["message"].split(" <")[0], context["exception"])


keep = []


async def main():
    asyncio.get_running_loop().set_exception_handler(handler)
    g = numbers()
    keep.append(g)
    p("got", await anext(g))
    asyncio.create_task(background())
    await asyncio.sleep(0)
    p("script ends")

asyncio.run(main())
