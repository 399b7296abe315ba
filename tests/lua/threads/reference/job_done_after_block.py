import asyncio, time
from _luastyle import lua
from concurrent.futures import ThreadPoolExecutor


def quick(n):
    return n


async def main():
    loop = asyncio.get_running_loop()

    def watch(label, fut):
        fut.add_done_callback(lambda f: print(label + ": done callback", flush=True))
        loop.call_soon(print, label + ": call_soon before the block")

    async def after_block(label, fut):
        loop.call_soon(print, label + ": call_soon after the block")
        print(label + ": after the block, done " + lua(fut.done()))
        await asyncio.sleep(0)
        print(label + ": after one sleep(0), done " + lua(fut.done()))
        await asyncio.sleep(0)
        print(label + ": after two, done " + lua(fut.done()))

    fut = loop.run_in_executor(None, quick, 1)
    watch("time.sleep", fut)
    time.sleep(0.5)
    await after_block("time.sleep", fut)

    fut = loop.run_in_executor(None, quick, 2)
    watch("busy", fut)
    t0 = time.monotonic()
    while time.monotonic() - t0 < 0.5:
        pass
    await after_block("busy", fut)

    pool = ThreadPoolExecutor(1)
    fut = loop.run_in_executor(pool, quick, 3)
    watch("shutdown", fut)
    pool.shutdown(True)
    await after_block("shutdown", fut)

    t = asyncio.create_task(asyncio.to_thread(quick, 4))
    await asyncio.sleep(0)
    time.sleep(0.5)
    await asyncio.sleep(0)
    print("to_thread task: after one sleep(0), done " + lua(t.done()))


asyncio.run(main())
