import asyncio

# ~20 MB of live objects (CPython's writer closes at its last reference,
# whatever the heap).
keep = [{} for _ in range(20 * 1024 * 1024 // 64)]


async def main():
    async def writes(_, w):
        w.write(b"hi")

    srv = await asyncio.start_server(writes, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    n = 30
    for _ in range(n):
        r, w = await asyncio.open_connection("127.0.0.1", port)
        assert await r.read() == b"hi"
        w.close()
    print(f"{n} connections, each read to its end")
    r, w = await asyncio.open_connection("127.0.0.1", port)
    assert await r.read() == b"hi"
    w.close()
    await asyncio.sleep(0.3)
    srv.close()
    await srv.wait_closed()
    print("closed")


asyncio.run(main())
