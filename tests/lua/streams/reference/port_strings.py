# The transcript of port_strings.lua: a port given as a string. For a
# numeric host, CPython's _ipaddr_info takes it as a port when int() does
# (" 80 ", "+80", "8_0", "080"); anything else ("80.0", "0x50", "8e0",
# "80_") goes to getaddrinfo as a service name, which it does not know:
# socket.gaierror (an OSError) "[Errno -8] Servname not supported for
# ai_socktype", when awaited. For a host name, the string goes to
# getaddrinfo as it is, and the C library's rule decides (" 80" is a port,
# "8_0" and "80 " are not).
import asyncio
from _luastyle import p


async def outcome(coro):
    try:
        r, w = await coro
        w.close()
        return "ok"
    except OSError as e:
        return f"OSError {e.errno} {e}"


def forms(port):
    s = str(port)
    return [(s, "PORT"), (" " + s + " ", " PORT "), ("+" + s, "+PORT"), (s[0] + "_" + s[1:], "P_ORT"),
            ("0" + s, "0PORT"), (s + ".0", "PORT.0"), (s + "e0", "PORTe0"), (hex(port), "0xPORT"),
            (s + "_", "PORT_"), (s[0] + "__" + s[1:], "P__ORT")]


async def main():
    srv = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    for text, label in forms(port):
        p(label, await outcome(asyncio.open_connection("127.0.0.1", text)))
    for text, label in forms(port)[:4]:
        p("localhost", label, await outcome(asyncio.open_connection("localhost", text)))
    p("localhost", "' PORT'", await outcome(asyncio.open_connection("localhost", " " + str(port))))
    for text in ["80.0", "0x50"]:
        try:
            await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", text)
            p("start_server", text, "ok")
        except OSError as e:
            p("start_server", text, f"OSError {e.errno} {e}")
    srv.close()
    await srv.wait_closed()


asyncio.run(main())
