# The CPython original of 002_6_never_awaited.lua (lesson file 002_cd773bdd564ed2ca.txt, example 6).
# (examples 6 and 7 of the lesson, with its import)
import asyncio

async def print_four():
    await asyncio.sleep(1)
    print(4)
    return

print_four()

asyncio.run(print_four())
