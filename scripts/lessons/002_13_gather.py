# The CPython original of 002_13_gather.lua (lesson file 002_cd773bdd564ed2ca.txt, example 13).
# (the lesson's main() with example 1's coroutines)
import asyncio
import time

async def one_print(): #6秒後に1をprint
    await asyncio.sleep(6)
    print(1)

async def two_print(): #5秒後に2をprint
    await asyncio.sleep(5)
    print(2)

async def three_print(): #4秒後に3をprint
    await asyncio.sleep(4)
    print(3)

async def main():
    start = time.time() #開始時間
    await asyncio.gather(
        one_print(),
        two_print(),
        three_print()
    )
    end = time.time() #終了時間
    print(f"かかった時間：{end-start}")

asyncio.run(main())
