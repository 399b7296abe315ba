# gather_exceptions: what gather does when a child fails.
# By default the first error propagates to whoever awaits the gather (the other children
# keep running). With return_exceptions=True every child runs to the end and errors come
# back as values in the result list, in argument order.
# Twin of ../gather_exceptions.lua.
import asyncio
import time


async def ok(x, delay):
    await asyncio.sleep(delay)
    print(f"ok({x}): done")
    return x


async def fail(msg, delay):
    await asyncio.sleep(delay)
    print(f"fail({msg}): raising")
    raise ValueError(msg)


async def main():
    t0 = time.perf_counter()
    try:
        await asyncio.gather(ok(1, 1), fail("boom", 0.5), ok(3, 2))
    except ValueError as e:
        print(f"gather raised {type(e).__name__}: {e} at {time.perf_counter() - t0:.2f} s")
    await asyncio.sleep(2)  # let the children of the first gather finish

    print("--- with return_exceptions ---")
    t0 = time.perf_counter()
    results = await asyncio.gather(ok(1, 1), fail("bang", 0.5), ok(3, 2), return_exceptions=True)
    for i, r in enumerate(results, 1):
        if isinstance(r, ValueError):
            print(f"result {i}: error {type(r).__name__}: {r}")
        else:
            print(f"result {i}: {r}")
    print(f"finished in {time.perf_counter() - t0:.2f} s")


asyncio.run(main())
