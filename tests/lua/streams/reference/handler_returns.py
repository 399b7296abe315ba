import asyncio


async def main():
    async def writes(_, w):
        w.write(b"hi")

    srv = await asyncio.start_server(writes, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    print("read to the end:\t" + (await r.read()).decode())
    w.close()
    srv.close()
    await srv.wait_closed()
    print("closed")

    async def reads(rd, _):
        await rd.read()

    srv = await asyncio.start_server(reads, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    await asyncio.sleep(0.05)
    w.close()
    await asyncio.sleep(0.05)
    srv.close()
    await srv.wait_closed()
    print("closed after the handler ended")


asyncio.run(main())
