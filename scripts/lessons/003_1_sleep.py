# The CPython original of 003_1_sleep.lua (lesson file 003_42129dd6232f0a06.txt, example 1).
# main.py
import asyncio
import threading
from datetime import datetime


async def main():
    print(f"{datetime.now()} : {threading.get_ident()}")
    await asyncio.sleep(1)
    print(f"{datetime.now()} : {threading.get_ident()}")


if __name__ == '__main__':
    asyncio.run(main())
