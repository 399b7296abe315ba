# The CPython original of 003_5_current_task.lua (lesson file 003_42129dd6232f0a06.txt, example 5).
# main.py
import asyncio
import threading
from datetime import datetime


async def main():
    print(f"{datetime.now()} : {threading.get_ident()}")
    print(asyncio.current_task())
    print(asyncio.all_tasks())
    print(f"{datetime.now()} : {threading.get_ident()}")


if __name__ == '__main__':
    asyncio.run(main())
