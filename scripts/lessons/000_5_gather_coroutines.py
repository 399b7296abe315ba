# Lesson 000 (concepts), python block 5 (gather() takes coroutines: hello/goodbye),
# completed with `import asyncio` and asyncio.run(main()) (the block defines main but never runs it).
import asyncio

async def hello():
    print('I say,')
    await asyncio.sleep(1) # 1秒かかる
    print('hello')

async def goodbye():
    print('you say,')
    await asyncio.sleep(2) # 2秒かかる
    print('goodbye')

async def main():
    await asyncio.gather(goodbye(), hello()) # タスクも同様

asyncio.run(main())
