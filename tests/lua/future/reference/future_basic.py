import asyncio
from _luastyle import lua, fmt


def attempt(label, fn):
    try:
        v = fn()
        print(f"{label} -> {lua(v)}")
    except BaseException as e:
        print(f"{label} raised {fmt(e)}")


async def main():
    f = asyncio.Future()
    print(repr(f))
    print(f"done={lua(f.done())} cancelled={lua(f.cancelled())}")
    attempt("result()", lambda: f.result())
    attempt("exception()", lambda: f.exception())
    f.set_result(7)
    print(repr(f))
    print(f"done={lua(f.done())} cancelled={lua(f.cancelled())}")
    attempt("result()", lambda: f.result())
    attempt("exception()", lambda: f.exception())
    attempt("set_result again", lambda: f.set_result(8))
    attempt("set_exception after result", lambda: f.set_exception(ValueError("x")))
    attempt("cancel finished", lambda: f.cancel())
    print(f"await finished -> {await f}")

    g = asyncio.Future()
    g.set_exception(ValueError("bad value"))
    print(f"done={lua(g.done())} cancelled={lua(g.cancelled())}")
    print(f"exception() -> {fmt(g.exception())}")
    attempt("result()", lambda: g.result())
    try:
        await g
    except ValueError as e:
        print(f"await raised {fmt(e)}")

    # any Lua value may be the error, but not nil (Python's None)
    n = asyncio.Future()
    attempt("set_exception(nil)", lambda: n.set_exception(None))
    print(repr(n))

    h = asyncio.Future()
    print(f"cancel -> {lua(h.cancel())}")
    print(f"cancel again -> {lua(h.cancel())}")
    print(repr(h))
    print(f"done={lua(h.done())} cancelled={lua(h.cancelled())}")
    attempt("result()", lambda: h.result())
    attempt("exception()", lambda: h.exception())
    attempt("set_result on cancelled", lambda: h.set_result(1))

    m = asyncio.Future()
    m.cancel("with message")
    try:
        await m
    except asyncio.CancelledError as e:
        print(f"await cancelled raised {fmt(e)}")

    # a future resolved by another task
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    async def producer():
        print("producer sleeping")
        await asyncio.sleep(0.05)
        print("producer sets result")
        fut.set_result("payload")
        print("producer after set_result")

    async def consumer(name):
        print(f"{name} waiting")
        v = await fut
        print(f"{name} got {v}")

    c1 = asyncio.create_task(consumer("c1"))
    c2 = asyncio.create_task(consumer("c2"))
    p = asyncio.create_task(producer())
    await asyncio.sleep(0)
    print("main waits")
    await p
    print("producer finished")
    await c1
    await c2

    # a future failed by another task
    fut2 = loop.create_future()

    async def failer():
        await asyncio.sleep(0.01)
        fut2.set_exception(RuntimeError("failed remotely"))

    asyncio.create_task(failer())
    try:
        await fut2
    except RuntimeError as e:
        print(f"main caught {fmt(e)}")

    print(f"isfuture(fut)={lua(asyncio.isfuture(fut))} isfuture(1)={lua(asyncio.isfuture(1))}")


asyncio.run(main())
