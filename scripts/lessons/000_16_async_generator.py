# The CPython original of 000_16_async_generator.lua (lesson file 000_710a9d338a72be93.txt, example 16).
import asyncio

async def async_generator():
    for i in range(10):
        await asyncio.sleep(0.1)
        yield i

async def main():
    async for value in async_generator():
        print(value)

asyncio.run(main())
