# CPython's twin of inline_await.lua: N awaits of a coroutine that returns at once.
import asyncio, sys, time

async def add_one(x):
    return x + 1

async def main(n):
    t0 = time.process_time()
    total = 0
    for i in range(1, n + 1):
        total += await add_one(i)
    secs = time.process_time() - t0
    assert total == n * (n + 1) // 2 + n
    print(f"RESULT workload=inline_await n={n} seconds={secs:.3f} awaits_per_sec={n / secs:.0f}")

asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000000))
