import asyncio
from _luastyle import p


async def main():
    r = asyncio.StreamReader()
    r.set_exception(RuntimeError())
    p(repr(r))
    r = asyncio.StreamReader()
    r.set_exception(RuntimeError("message"))
    p(repr(r))
    r = asyncio.StreamReader(limit=7)
    r.feed_data(b"chunk3\n")
    r.set_exception(ValueError("it's \"quoted\""))
    p(repr(r))

    r = asyncio.StreamReader()
    r.feed_data(b"ab")
    r.feed_eof()
    try:
        await r.readexactly(5)
        ok, e = True, None
    except Exception as exc:
        ok, e = False, exc
    p(ok, e)
    p("EOFError", isinstance(e, EOFError), "Exception", isinstance(e, Exception))
    p("an EOFError is not an IncompleteReadError", isinstance(EOFError("end"), asyncio.IncompleteReadError))
    p(EOFError("end"))


asyncio.run(main())
