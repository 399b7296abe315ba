# shield: protect a task from cancellation coming from outside. Here wait_for times out
# and cancels the shield, but the task inside keeps running and can still be awaited.
# Twin of ../shield.lua.
import asyncio
import time


async def save_document():
    print("save: started")
    await asyncio.sleep(2)
    print("save: finished")
    return "saved"


async def main():
    t0 = time.perf_counter()
    task = asyncio.create_task(save_document())
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=1)
    except TimeoutError:
        print(f"main: timed out after {time.perf_counter() - t0:.2f} s, the save keeps running")
    print(f"main: task cancelled? {'yes' if task.cancelled() else 'no'}")
    result = await task
    print(f"main: result {result} after {time.perf_counter() - t0:.2f} s")


asyncio.run(main())
