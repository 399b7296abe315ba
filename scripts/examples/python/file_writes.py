# file_writes: the Python twin of ../file_writes.lua; the file calls run in
# a thread (asyncio.to_thread), as aiofiles does under the hood.
import asyncio
import os
import tempfile

dir = tempfile.mktemp()


async def writer(name, lines, pause):
    f = await asyncio.to_thread(open, os.path.join(dir, name), "w")
    for i in range(1, lines + 1):
        await asyncio.to_thread(f.write, f"{name} line {i}\n")
        await asyncio.sleep(pause)
    await asyncio.to_thread(f.close)
    print(name + " written")


async def count_lines(name):
    def count():
        with open(os.path.join(dir, name)) as f:
            return sum(1 for _ in f)
    return await asyncio.to_thread(count)


async def main():
    await asyncio.to_thread(os.mkdir, dir)

    async def tick():
        for i in range(1, 101):
            await asyncio.sleep(1)
            print(f"tick {i}")
    ticker = asyncio.create_task(tick())
    await asyncio.gather(writer("a.txt", 3, 0.9), writer("b.txt", 5, 0.5), writer("c.txt", 2, 1.6))
    ticker.cancel()
    counts = await asyncio.gather(count_lines("a.txt"), count_lines("b.txt"), count_lines("c.txt"))
    print("lines: %d %d %d" % tuple(counts))
    for name in sorted(os.listdir(dir)):
        os.remove(os.path.join(dir, name))
    os.rmdir(dir)

asyncio.run(main())
