# echo_server: the Python twin of ../echo_server.lua.
import asyncio
import time


async def handle(reader, writer):
    host, port = writer.get_extra_info("peername")[:2]
    name = (await reader.readline()).decode().rstrip("\n")
    print(f"server: {name} connected from {host}")
    async for line in reader:
        writer.write(line.upper())
        await writer.drain()
    print(f"server: {name} left")
    writer.close()
    await writer.wait_closed()


async def client(port, name, words, pause):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write((name + "\n").encode())
    for word in words:
        await asyncio.sleep(pause)
        writer.write((word + "\n").encode())
        await writer.drain()
        print(f"{name} got {(await reader.readline()).decode().rstrip()}")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    t0 = time.perf_counter()
    await asyncio.gather(
        client(port, "ada", ["hello", "world"], 1.0),
        client(port, "bob", ["one", "two", "three"], 0.7),
        client(port, "cy", ["bye"], 1.5))
    server.close()
    await server.wait_closed()
    print(f"all done in {time.perf_counter() - t0:.1f} s")

asyncio.run(main())
