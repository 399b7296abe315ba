# producer_consumer: a producer feeds jobs through an asyncio.Queue(2) to two workers.
# put() waits while the queue is full (back-pressure), get() waits while it is empty;
# each worker calls task_done() per job so that join() knows when everything is
# processed. The workers loop forever: main cancels them at the end.
# Twin of ../producer_consumer.lua.
import asyncio
import time

t0 = None


def log(msg):
    print(f"{time.perf_counter() - t0:3.1f} s  {msg}")


async def producer(queue, n):
    for i in range(1, n + 1):
        job = f"job{i}"
        await queue.put(job)  # waits while the queue is full
        log(f"produced {job} (queue size {queue.qsize()})")
    log("producer done")


async def worker(name, queue, done):
    while True:
        job = await queue.get()  # waits while the queue is empty
        log(f"{name} takes {job}")
        await asyncio.sleep(1)  # the work
        done.append(job)
        queue.task_done()


async def main():
    global t0
    t0 = time.perf_counter()
    queue = asyncio.Queue(2)
    done = []
    workers = [asyncio.create_task(worker(f"worker{i}", queue, done)) for i in range(1, 3)]
    await producer(queue, 6)
    await queue.join()  # every job put has been marked done
    log(f"all {len(done)} jobs processed")
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    log("workers stopped")


asyncio.run(main())
