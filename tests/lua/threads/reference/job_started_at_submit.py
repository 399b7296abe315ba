import asyncio, time
from _luastyle import lua
from concurrent.futures import ThreadPoolExecutor


def job(name):
    time.sleep(0.05)
    print(name + " ran", flush=True)
    return name


async def main():
    asyncio.create_task(asyncio.to_thread(job, "background job"))
    await asyncio.sleep(0)
    print("main ends", flush=True)


asyncio.run(main())


async def second():
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(1)
    f = loop.run_in_executor(pool, job, "cancelled job")
    f.cancel()
    pool.shutdown(True)
    print("cancelled " + lua(f.cancelled()))


asyncio.run(second())
