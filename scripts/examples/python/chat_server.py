# chat_server: the Python twin of ../chat_server.lua.
import asyncio

clients = {}  # writer -> name


def broadcast(sender, text):
    for writer, name in list(clients.items()):
        if name != sender:
            writer.write(text.encode())


async def handle(reader, writer):
    name = (await reader.readline()).decode().rstrip("\n")
    clients[writer] = name
    broadcast(name, name + " joined\n")
    async for line in reader:
        broadcast(name, name + ": " + line.decode().rstrip("\n") + "\n")
    del clients[writer]
    broadcast(name, name + " left\n")
    writer.close()


async def client(port, name, script):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write((name + "\n").encode())

    async def listen():
        async for line in reader:
            print(f"[{name} hears] {line.decode().rstrip()}")
    listener = asyncio.create_task(listen())
    for step in script:
        await asyncio.sleep(step[0])
        if len(step) > 1:
            writer.write((step[1] + "\n").encode())
    writer.close()
    await writer.wait_closed()
    listener.cancel()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    await asyncio.gather(
        client(port, "ann", [(0.5, "hi all"), (1.0, "bye"), (0.5,)]),
        client(port, "ben", [(0.7, "hello ann"), (1.5,)]),
        client(port, "cat", [(1.2, "what did I miss?"), (0.2,)]))
    server.close()
    await server.wait_closed()
    print("server closed")

asyncio.run(main())
