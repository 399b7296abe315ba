"""Helpers shared by the reference scenarios: print values the way the Lua
translations print them, so both sides produce the same transcript."""


def lua(v):
    # print booleans and None the way Lua's tostring does
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "nil"
    return str(v)


def fmt(e):
    # Python's "Name: message" format (what tostring(e) gives in luasync)
    s = str(e)
    return type(e).__name__ + (": " + s if s else "")


def s(x):
    # print values the way Lua's tostring does, errors as "Name: message"
    if x is True:
        return "true"
    if x is False:
        return "false"
    if x is None:
        return "nil"
    if isinstance(x, BaseException):
        return f"{type(x).__name__}: {x}" if str(x) else type(x).__name__
    return str(x)


def p(*args):
    print(" ".join(s(a) for a in args))


def el(t0):
    # seconds since t0 on the running loop's clock, as the Lua side prints them
    import asyncio
    return f"{asyncio.get_running_loop().time() - t0:.1f}"
