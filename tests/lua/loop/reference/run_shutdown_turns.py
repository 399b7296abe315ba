import asyncio

stopped = set()  # the runs that returned: their chains end


def tick(loop, label, n):
    if label in stopped:
        return
    print(f"{label}\ttick\t{n}")
    loop.call_soon(tick, loop, label, n + 1)


async def worker(label, awaits):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{label}\tworker cancelled")
        for i in range(awaits):
            await asyncio.sleep(0)
            print(f"{label}\tcleanup await\t{i + 1}")
        print(f"{label}\tcleanup done")
        raise


async def main(label, awaits, fail):
    loop = asyncio.get_running_loop()
    if awaits is not None:
        t = asyncio.create_task(worker(label, awaits))
        t.add_done_callback(lambda _: print(f"{label}\tworker done callback"))
        await asyncio.sleep(0)
    loop.call_soon(tick, loop, label, 1)
    print(f"{label}\tmain returns")
    if fail:
        raise ValueError("boom")


for label, awaits, fail in [("none", None, False), ("zero", 0, False), ("one", 1, False),
                            ("three", 3, False), ("fails", 2, True)]:
    try:
        asyncio.run(main(label, awaits, fail))
        stopped.add(label)
        print(f"{label}\tafter run")
    except ValueError as e:
        stopped.add(label)
        print(f"{label}\tafter run\t{e}")
