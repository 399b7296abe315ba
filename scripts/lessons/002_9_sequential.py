# The CPython original of 002_9_sequential.lua (lesson file 002_cd773bdd564ed2ca.txt, example 9).
# (with the imports of the lesson's first example)
import asyncio
import time

async def one_print():
    await asyncio.sleep(6)
    print(1)

async def two_print():
    await asyncio.sleep(5)
    print(2)

async def three_print():
    await asyncio.sleep(4)
    print(3)

async def main():
    start = time.time()
    await one_print()
    await two_print()
    await three_print()
    end = time.time()
    print(f"かかった時間：{end-start}")

asyncio.run(main())
