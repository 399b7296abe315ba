# fetch_pages: the aiohttp lesson. Three pages, each taking a while to answer, fetched one
# after another and then all at once with gather: the waits overlap, so the concurrent
# version takes as long as the slowest page instead of the sum of all three.
# The pages come from a small server started here (asyncio.start_server), so the lesson
# needs no network. Needs aiohttp (pip install aiohttp).
# Twin of ../fetch_pages.lua.
import asyncio

import aiohttp

DELAYS = {"fast": 0.1, "medium": 0.2, "slow": 0.3}


async def serve(reader, writer):
    request = (await reader.readline()).decode()
    while (await reader.readline()) not in (b"\r\n", b""):
        pass
    page = request.split()[1].lstrip("/")
    await asyncio.sleep(DELAYS.get(page, 0))
    body = f"page {page}"
    writer.write(f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}".encode())
    await writer.drain()
    writer.close()


async def fetch(session, base, page):
    async with session.get(f"{base}/{page}") as r:
        text = await r.text()
        print(f"  {page}: {r.status} {text}")
        return text


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    async with server, aiohttp.ClientSession() as session:
        port = server.sockets[0].getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        loop = asyncio.get_running_loop()

        print("one after another:")
        t0 = loop.time()
        for page in ("fast", "medium", "slow"):
            await fetch(session, base, page)
        print(f"  took {loop.time() - t0:.1f} s")

        print("all at once:")
        t0 = loop.time()
        await asyncio.gather(fetch(session, base, "slow"), fetch(session, base, "medium"), fetch(session, base, "fast"))
        print(f"  took {loop.time() - t0:.1f} s")


asyncio.run(main())
