# Twin of ../queue_pipeline.lua
import asyncio
import time


async def main():
    q = asyncio.Queue(2)
    t0 = time.perf_counter()

    def stamp():
        return "%.1f s" % (time.perf_counter() - t0)

    async def worker(name):
        while True:
            item = await q.get()
            await asyncio.sleep(item)
            print("%s %s finished a job of %d s" % (stamp(), name, item))
            q.task_done()

    workers = [asyncio.create_task(worker("worker-%d" % i)) for i in range(1, 3)]
    for seconds in (1, 2, 1, 3, 1):
        await q.put(seconds)
        print("%s queued %d, size %d" % (stamp(), seconds, q.qsize()))
    await q.join()
    print(stamp() + " all jobs done")
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)


asyncio.run(main())
