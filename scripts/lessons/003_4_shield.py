# The CPython original of 003_4_shield.lua (lesson file 003_42129dd6232f0a06.txt, example 4).
# main.py
import asyncio
import threading
from datetime import datetime


async def sleep(secs):
    print(f"{datetime.now()} : {threading.get_ident()}")
    await asyncio.sleep(secs)
    print(f"{datetime.now()} : {threading.get_ident()}")


async def main():
    task = asyncio.create_task(sleep(2))
    task = asyncio.shield(task)

    await asyncio.sleep(1)
    task.cancel()

    try:
        await task
    except asyncio.CancelledError:
        pass

    print(f"{datetime.now()} : {threading.get_ident()}")
    await asyncio.sleep(2)


if __name__ == '__main__':
    asyncio.run(main())
