import asyncio


from _luastyle import p


# At its end asyncio.run closes the async generators that were started in
# it and are not finished (loop.shutdown_asyncgens): each gets aclose(), so
# its finally runs in the loop, and may await, before run returns; after the
# tasks left over were cancelled. An error raised there goes to the loop's
# exception handler. One never started, or exhausted, is left alone. Each
# scenario is its own run: CPython closes several in its WeakSet's order.
# A call_soon chain (tick) shows the loop's iterations meanwhile.

keep = []  # the generators stay referenced until the runs end


def ticker(loop, last):
    n = 0

    def tick():
        nonlocal n
        n += 1
        p("tick", n)
        if n < last:
            loop.call_soon(tick)
    loop.call_soon(tick)


def handler(loop, context):
    p("handler:", context["message"].split(" <")[0], context["exception"], "asyncgen" in context)


async def numbers(name):
    try:
        for i in range(1, 4):
            p(name, "yields", i)
            yield i
    finally:
        p(name, "finally starts")
        await asyncio.sleep(0)
        p(name, "finally ends")


async def failing():
    try:
        yield 1
    finally:
        p("failing finally raises")
        raise ValueError("boom in finally")


async def background():
    try:
        await asyncio.sleep(10)
    finally:
        p("background cancelled")


# 1. a generator suspended at a yield: its finally runs after the leftover
#    task was cancelled, and awaits; the one never started and the one
#    exhausted print nothing more
async def main1():
    g = numbers("1 gen")
    keep.append(g)
    p("1 got", await anext(g))
    never = numbers("1 never started")
    keep.append(never)
    done = numbers("1 exhausted")
    keep.append(done)
    async for x in done:
        p("1 exhausted got", x)
    asyncio.create_task(background())
    await asyncio.sleep(0)
    ticker(asyncio.get_running_loop(), 12)
    p("1 main returns")

asyncio.run(main1())
p("1 after run")


# 2. a finally that raises: reported to the loop's exception handler
async def main2():
    asyncio.get_running_loop().set_exception_handler(handler)
    g = failing()
    keep.append(g)
    p("2 got", await anext(g))
    p("2 main returns")

asyncio.run(main2())
p("2 after run")


# 3. a generator iterated by a task that is cancelled at shutdown while it
#    awaits in the loop's body: the generator stays suspended at its yield
#    and is closed after the task
async def consumer(g):
    try:
        async for x in g:
            p("3 consumer got", x)
            await asyncio.sleep(10)
    finally:
        p("3 consumer cancelled")


async def main3():
    g = numbers("3 gen")
    keep.append(g)
    asyncio.create_task(consumer(g))
    await asyncio.sleep(0)
    ticker(asyncio.get_running_loop(), 12)
    p("3 main returns")

asyncio.run(main3())
p("3 after run")


# 4. a generator that catches GeneratorExit and yields again: aclose()
#    raises RuntimeError, which the handler is told
async def stubborn():
    try:
        yield 1
    except GeneratorExit as e:
        p("4 stubborn caught", e)
        yield 2


async def main4():
    asyncio.get_running_loop().set_exception_handler(handler)
    g = stubborn()
    keep.append(g)
    p("4 got", await anext(g))

asyncio.run(main4())
p("4 after run")
