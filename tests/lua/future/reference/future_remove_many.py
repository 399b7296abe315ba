# Reference for future_remove_many.lua: remove_done_callback removes every
# registration of its argument, the others keep their order, also among a
# million registrations.
import asyncio


class Callable:
    def __call__(self, fut):
        print("cb", "o", sep="\t")


async def main():
    loop = asyncio.get_running_loop()

    def cb(name):
        return lambda fut: print("cb", name, sep="\t")
    a, b, c, d = cb("a"), cb("b"), cb("c"), cb("d")
    o = Callable()

    f = loop.create_future()
    for fn in (a, b, a, c, o, b, d, o, a):
        f.add_done_callback(fn)
    print(f.remove_done_callback(b), f.remove_done_callback(o), f.remove_done_callback(a),
          f.remove_done_callback(a), sep="\t")
    f.add_done_callback(a)
    f.set_result(1)
    await asyncio.sleep(0)

    g = loop.create_future()
    for fn in (a, b, c, d):
        g.add_done_callback(fn)
    print(g.remove_done_callback(a), g.remove_done_callback(d), sep="\t")
    g.add_done_callback(a)
    print(g.remove_done_callback(b), g.remove_done_callback(c), sep="\t")
    g.add_done_callback(d)
    g.set_result(2)
    await asyncio.sleep(0)

    ticks = 0

    def tick(fut):
        nonlocal ticks
        ticks += 1
    h = loop.create_future()
    h.add_done_callback(a)
    for i in range(1, 1000001):
        h.add_done_callback(tick)
        if i == 500000:
            h.add_done_callback(b)
    h.add_done_callback(c)
    print(h.remove_done_callback(b), h.remove_done_callback(a), h.remove_done_callback(c), sep="\t")
    for _ in range(10):
        h.add_done_callback(d)
    print(h.remove_done_callback(tick))
    h.add_done_callback(c)
    h.set_result(3)
    await asyncio.sleep(0)
    print("ticks", ticks, sep="\t")

asyncio.run(main())
