# cpu_threads: CPU-bound work in worker threads. In luasync each worker has its own Lua
# state and two jobs run in parallel; here the GIL lets only one thread compute at a time,
# and two jobs take about twice as long as one.
# The timings go to stderr (they depend on the machine); the results to stdout.
# Twin of ../cpu_threads.lua.
import asyncio
import sys
import time


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def timed(f, n):
    t0 = time.perf_counter()
    return {"result": f(n), "started": t0, "ended": time.perf_counter()}


async def main():
    one = await asyncio.to_thread(timed, fib, 30)
    print(f"one job: fib(30) = {one['result']}")

    both = await asyncio.gather(asyncio.to_thread(timed, fib, 30), asyncio.to_thread(timed, fib, 30))
    print(f"two jobs at once: {both[0]['result']} and {both[1]['result']}")

    t1 = one["ended"] - one["started"]
    t2 = max(both[0]["ended"], both[1]["ended"]) - min(both[0]["started"], both[1]["started"])
    sys.stderr.write(f"one job took {t1:.2f} s, two at once {t2:.2f} s: {2 * t1 / t2:.1f}x the work per second\n")


asyncio.run(main())
