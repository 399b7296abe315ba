import asyncio
from _luastyle import lua


async def main():
    async def handler(r, w):
        print("handler: start")
        await asyncio.sleep(1)
        print("handler: finishing")
        w.write(b"bye")
        w.close()

    srv = await asyncio.start_server(handler, "127.0.0.1", 0)
    host, port = srv.sockets[0].getsockname()

    async def client():
        r, w = await asyncio.open_connection(host, port)
        print("client read:\t" + (await r.read()).decode())
        w.close()

    t = asyncio.create_task(client())
    async with srv:
        await asyncio.sleep(0.1)
        print("leaving the server scope")
    print("after the server scope\t" + lua(srv.is_serving()))
    await t


asyncio.run(main())
