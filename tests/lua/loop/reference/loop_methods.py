import asyncio
from _luastyle import lua


async def worker(name):
    print(f"{name} step 1")
    await asyncio.sleep(0)
    print(f"{name} step 2")


def cb(label, *args):
    print(f"callback {label} args={len(args)}" + "".join(f" {a}" for a in args))


async def main():
    loop = asyncio.get_running_loop()
    print(f"same loop: {lua(loop is asyncio.get_running_loop())}")

    # call_soon callbacks and task steps share one FIFO queue
    loop.call_soon(cb, "a")
    t = asyncio.create_task(worker("w"))
    loop.call_soon(cb, "b", 1, 2)
    print("scheduled")
    await asyncio.sleep(0)
    print("main after sleep(0)")
    await t

    # time advances with sleep
    t0 = loop.time()
    await asyncio.sleep(0.1)
    print(f"slept {loop.time() - t0:.1f}")
    await asyncio.sleep(0.2)
    print(f"slept {loop.time() - t0:.1f}")

    # call_later and call_at run in time order, independent of creation order
    t0 = loop.time()

    def at(label):
        print(f"{label} at {loop.time() - t0:.1f}")

    loop.call_later(0.3, at, "later 0.3")
    loop.call_later(0.1, at, "later 0.1")
    loop.call_at(t0 + 0.2, at, "call_at 0.2")
    h = loop.call_later(0.25, at, "cancelled 0.25")
    h.cancel()
    print(f"handle cancelled: {lua(h.cancelled())}")
    await asyncio.sleep(0.4)
    print(f"main at {loop.time() - t0:.1f}")

    # create_future resolved by a timer
    fut = loop.create_future()
    loop.call_later(0.05, fut.set_result, "timer result")
    print(f"future done before: {lua(fut.done())}")
    print(await fut)

    # loop.create_task
    async def answer():
        return 42

    t = loop.create_task(answer())
    print(f"loop.create_task -> {await t} name={t.get_name()}")
    t = loop.create_task(answer(), name="named")
    print(f"named task -> {await t} name={t.get_name()}")

    # call_soon from inside a callback runs on the next iteration
    def outer_cb():
        print("outer callback")
        loop.call_soon(cb, "nested")

    loop.call_soon(outer_cb)
    loop.call_soon(cb, "sibling")
    await asyncio.sleep(0)
    print("main after one sleep(0)")
    await asyncio.sleep(0)
    print("main end")


asyncio.run(main())
