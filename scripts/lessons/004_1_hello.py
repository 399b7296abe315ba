# The CPython original of 004_1_hello.lua (lesson file 004_b014778ec727ebb0.txt, example 1).
import asyncio

async def say_hello():
    print('Hello')
    await asyncio.sleep(1)
    print('World')

# コルーチンをイベントループで実行
asyncio.run(say_hello())
