# cancel: task.cancel() makes the task's pending await raise CancelledError inside it.
# The task may clean up (except/finally), should re-raise, and whoever awaits the task
# then gets CancelledError too. (The example from the asyncio docs for Task.cancel.)
# Twin of ../cancel.lua.
import asyncio


async def cancel_me():
    print("cancel_me(): before sleep")
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        print("cancel_me(): cancel sleep")
        raise
    finally:
        print("cancel_me(): after sleep")


async def main():
    task = asyncio.create_task(cancel_me())
    await asyncio.sleep(1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("main(): cancel_me is cancelled now")
    print(f"task.cancelled(): {'yes' if task.cancelled() else 'no'}")


asyncio.run(main())
