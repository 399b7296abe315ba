import asyncio


def show(e):
    f = asyncio.get_running_loop().create_future()
    f.set_exception(e)
    f.exception()
    s = str(e)
    print(f"{f!r}\t{type(e).__name__}{': ' + s if s else ''}")


async def main():
    show(ConnectionResetError(104, "Connection reset by peer"))
    show(OSError(2, "No such file or directory", "x.txt"))
    show(OSError(2, "No such file or directory", "a", None, "b"))
    show(OSError(32, "it's broken"))
    show(OSError("text"))
    show(OSError())
    show(TimeoutError())
    show(asyncio.IncompleteReadError(b"ab", 5))
    try:
        open("/nonexistent/x", "r")
    except OSError as e:
        show(e)


asyncio.run(main())
