# The CPython original of 003_6_taskgroup.lua (lesson file 003_42129dd6232f0a06.txt, example 6).
# main.py
import asyncio
import threading
from datetime import datetime


async def sleep(secs):
    print(f"{datetime.now()} : {threading.get_ident()}")
    await asyncio.sleep(secs)
    print(f"{datetime.now()} : {threading.get_ident()}")


async def main():
    async with asyncio.TaskGroup() as g:
        g.create_task(sleep(1))
        g.create_task(sleep(2))


if __name__ == '__main__':
    asyncio.run(main())
