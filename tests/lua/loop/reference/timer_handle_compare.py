import asyncio
import re
from _luastyle import lua


def norm(r):
    return re.sub(r" at [^ >\],]+:\d+", " at HERE", r)


def tick(x=None):
    pass


async def main():
    loop = asyncio.get_running_loop()
    h1 = loop.call_at(12345.678901234, tick, 1)
    h2 = loop.call_at(0.1 + 0.2, tick, 1)
    h3 = loop.call_at(12345.678901234, tick, 1)
    h4 = loop.call_at(12345.678901234, tick, 2)
    print(norm(repr(h1)))
    print(norm(repr(h2)))
    print(f"h1 == h3\t{lua(h1 == h3)}\th1 ~= h3\t{lua(h1 != h3)}\th1 == h4\t{lua(h1 == h4)}")
    print(f"h2 < h1\t{lua(h2 < h1)}\th1 < h2\t{lua(h1 < h2)}\th1 <= h3\t{lua(h1 <= h3)}"
          f"\th1 >= h3\t{lua(h1 >= h3)}\th1 > h2\t{lua(h1 > h2)}")
    h3.cancel()
    print(norm(repr(h3)))
    print(f"cancelled: h1 == h3\t{lua(h1 == h3)}\th1 <= h3\t{lua(h1 <= h3)}\th1 < h3\t{lua(h1 < h3)}")
    s1, s2 = loop.call_soon(tick), loop.call_soon(tick)
    print(f"handles: s1 == s1\t{lua(s1 == s1)}\ts1 == s2\t{lua(s1 == s2)}\ts1 == h1\t{lua(s1 == h1)}")
    try:
        h1 < s1
    except TypeError:
        # Lua's form of Python's TypeError("'<' not supported between ...")
        print("h1 < s1\tattempt to compare two table values")
    # A number or a string on either side: Lua's words for what it compares
    for name, f, lua_words in (
        ("h1 < 5", lambda: h1 < 5, "attempt to compare table with number"),
        ("5 < h1", lambda: 5 < h1, "attempt to compare number with table"),
        ("h1 <= 'x'", lambda: h1 <= "x", "attempt to compare table with string"),
    ):
        try:
            f()
        except TypeError:
            print(f"{name}\t{lua_words}")
    for h in (h1, h2, h4, s1, s2):
        h.cancel()


asyncio.run(main())
