# The CPython original of 004_3_blocking_tasks.lua (lesson file 004_b014778ec727ebb0.txt, example 3).
import asyncio
import concurrent.futures
import time

async def func1():
    print("func1() started")
    time.sleep(1)
    print("func1() finished")

async def func2():
    print("func2() started")
    time.sleep(1)
    print("func2() finished")

async def main():
    task1 = asyncio.create_task(func1())
    task2 = asyncio.create_task(func2())
    await task1
    await task2

asyncio.run(main())
