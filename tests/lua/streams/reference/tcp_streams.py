import asyncio

from _luastyle import p

def show(data):
    return data.decode().replace("\n", "\\n")

async def main():
    events = []

    async def handle(reader, writer):
        name = (await reader.readline()).decode().strip()
        p("server: hello from", name)
        while True:
            line = await reader.readline()
            if not line:
                break
            writer.write(("%s> %s" % (name, line.decode())).encode())
            await writer.drain()
        p("server: end of", name)
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    p("serving", host, port > 0, server.is_serving())

    async def client(name, lines):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write((name + "\n").encode())
        for line in lines:
            writer.write((line + "\n").encode())
            await writer.drain()
            p("client", name, "got", show(await reader.readline()))
        writer.write_eof()
        p("client", name, "eof", show(await reader.read()), reader.at_eof())
        writer.close()
        await writer.wait_closed()
        p("client", name, "closed", writer.is_closing())

    await asyncio.gather(client("a", ["one", "two"]), client("b", ["three"]))

    # readexactly on a stream that ends early
    async def short(reader, writer):
        writer.write(b"abc")
        writer.close()
    s2 = await asyncio.start_server(short, "127.0.0.1", 0)
    r, w = await asyncio.open_connection("127.0.0.1", s2.sockets[0].getsockname()[1])
    try:
        await r.readexactly(10)
    except asyncio.IncompleteReadError as e:
        p("readexactly:", e, show(e.partial), e.expected)
    w.close()
    await w.wait_closed()
    s2.close()
    await s2.wait_closed()

    # a big transfer, with drain
    async def sink(reader, writer):
        data = await reader.read()
        writer.write(str(len(data)).encode())
        writer.close()
    s3 = await asyncio.start_server(sink, "127.0.0.1", 0)
    r, w = await asyncio.open_connection("127.0.0.1", s3.sockets[0].getsockname()[1])
    chunk = b"x" * 100000
    for _ in range(20):
        w.write(chunk)
        await w.drain()
    w.write_eof()
    p("sink counted", (await r.read()).decode())
    w.close()
    s3_port = s3.sockets[0].getsockname()[1]
    s3.close()
    await s3.wait_closed()
    # a closed connection keeps its addresses; a closed server lists no socket
    p("peername after close", w.get_extra_info("peername")[1] == s3_port, "sockets", len(s3.sockets))

    # refused; serve_forever cancelled closes the server
    try:
        await asyncio.open_connection("127.0.0.1", 1)
    except OSError as e:
        p(type(e).__name__, e)
    server.close()
    await server.wait_closed()
    p("closed", server.is_serving())
    s4 = await asyncio.start_server(handle, "127.0.0.1", 0)
    t = asyncio.create_task(s4.serve_forever())
    await asyncio.sleep(0)
    p("forever", s4.is_serving())
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        p("serve_forever cancelled; serving:", s4.is_serving())

asyncio.run(main())
