import asyncio
from _luastyle import lua, fmt


def attempt(label, fn):
    try:
        v = fn()
        print(f"{label} -> {lua(v)}")
    except BaseException as e:
        print(f"{label} raised {fmt(e)}")


async def work(x):
    await asyncio.sleep(0.01)
    return x


async def main():
    loop = asyncio.get_running_loop()

    # a pending task
    t = asyncio.create_task(work(1))
    print(f"done={lua(t.done())} cancelled={lua(t.cancelled())}")
    attempt("result()", lambda: t.result())
    attempt("exception()", lambda: t.exception())
    attempt("set_result()", lambda: t.set_result(1))
    attempt("set_exception()", lambda: t.set_exception(ValueError("x")))
    print(f"await -> {await t}")

    # sleep returns its result argument; a negative delay is like sleep(0)
    print(f"sleep result -> {await asyncio.sleep(0.01, 'slept')}")

    async def other():
        print("other runs")

    o = asyncio.create_task(other())
    await asyncio.sleep(-1)
    print("after sleep(-1)")
    await o

    # cancel with a message before the task started
    t = asyncio.create_task(work(2))
    t.cancel("early message")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"early cancel: {fmt(e)}")

    # a task awaiting itself
    async def self_await():
        try:
            await asyncio.current_task()
        except RuntimeError:
            print("self await: RuntimeError")
        return "self ok"

    print(await asyncio.create_task(self_await()))

    # current_task outside any task (in a callback)
    loop.call_soon(lambda: print(f"current_task in callback: {lua(asyncio.current_task())}"))
    await asyncio.sleep(0)

    # a task whose body raises CancelledError itself counts as cancelled
    async def raises_cancel():
        await asyncio.sleep(0)
        raise asyncio.CancelledError("self raised")

    t = asyncio.create_task(raises_cancel())
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"raised cancel: {fmt(e)} cancelled={lua(t.cancelled())}")
    print("main end")


asyncio.run(main())
