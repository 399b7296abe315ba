# The CPython original of 003_9_subprocess.lua (lesson file 003_42129dd6232f0a06.txt, example 9).
# main.py
import asyncio
import threading
from datetime import datetime


async def main():
    print(f"{datetime.now()} : {threading.get_ident()}")
    p = await asyncio.create_subprocess_shell("sleep 1")
    await p.wait()
    print(f"{datetime.now()} : {threading.get_ident()}")


if __name__ == '__main__':
    asyncio.run(main())
