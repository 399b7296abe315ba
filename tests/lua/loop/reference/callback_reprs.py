# Handles' and futures' reprs name a callback as asyncio does: boom() at its
# place, nothing once cancelled; a future's callbacks, the first and last of
# more than two. (callback_reprs.lua prints the same lines; "at FILE:LINE" and
# "when=..." are shown as "at HERE", "when=T".)
import asyncio
import re


def norm(r):
    return re.sub(r"when=[0-9.]+", "when=T", re.sub(r" at [^ >\],]+:\d+", " at HERE", r))


def boom(x=None):
    raise ValueError("bad")


async def main():
    loop = asyncio.get_running_loop()
    h = loop.call_soon(boom, 1)
    print(norm(repr(h)))
    h.cancel()
    print(norm(repr(h)))
    t = loop.call_later(5, boom, 1)
    print(norm(repr(t)))
    t.cancel()
    print(norm(repr(t)))
    f = loop.create_future()
    f.add_done_callback(boom)
    print(norm(repr(f)))
    f.add_done_callback(print)
    f.add_done_callback(boom)
    print(norm(repr(f)))
    f.remove_done_callback(boom)
    f.remove_done_callback(print)
    await asyncio.sleep(0)


asyncio.run(main())
