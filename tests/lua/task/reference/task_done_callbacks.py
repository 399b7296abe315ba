import asyncio
from _luastyle import lua


async def work(x):
    print(f"work {x} start")
    await asyncio.sleep(0.01)
    print(f"work {x} end")
    return x


def make_cb(label):
    def cb(fut):
        print(f"cb {label}: done={lua(fut.done())} result={fut.result()}")
    return cb


async def main():
    t = asyncio.create_task(work(1))
    cb_a = make_cb("a")
    cb_b = make_cb("b")
    cb_c = make_cb("c")
    t.add_done_callback(cb_a)
    t.add_done_callback(cb_b)
    t.add_done_callback(cb_c)
    t.add_done_callback(cb_b)
    print(f"removed b: {t.remove_done_callback(cb_b)}")
    print(f"removed b again: {t.remove_done_callback(cb_b)}")
    # the awaiting main task registers its wake-up after cb_c
    r = await t
    print(f"main resumed with {r}")

    # callbacks added to a finished task run on a later loop iteration
    t.add_done_callback(make_cb("late"))
    print("after add on done task")
    await asyncio.sleep(0)
    print("after sleep(0)")

    # awaiter registered before the callbacks is woken first
    t2 = asyncio.create_task(work(2))

    async def waiter():
        r = await t2
        print(f"waiter got {r}")

    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    t2.add_done_callback(make_cb("x"))
    t2.add_done_callback(make_cb("y"))
    await w
    await asyncio.sleep(0)

    # a callback on a cancelled task
    t3 = asyncio.create_task(work(3))

    def on_cancel(fut):
        print(f"cancel cb: cancelled={lua(fut.cancelled())}")

    t3.add_done_callback(on_cancel)
    await asyncio.sleep(0)
    t3.cancel()
    print("cancel requested")
    await asyncio.sleep(0)
    print("after one sleep(0)")
    await asyncio.sleep(0)
    print("main end")


asyncio.run(main())
