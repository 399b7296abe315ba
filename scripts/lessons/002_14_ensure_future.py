# The CPython original of 002_14_ensure_future.lua (lesson file 002_cd773bdd564ed2ca.txt, example 14).
# (with the imports of the lesson's first example)
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
    task1 = asyncio.ensure_future(one_print())
    task2 = asyncio.ensure_future(two_print())
    task3 = asyncio.ensure_future(three_print())
    await task1
    await task2
    await task3
    end = time.time() #終了時間
    print(f"かかった時間：{end-start}")

if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    loop.run_until_complete(main()) #実行
