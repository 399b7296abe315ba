import asyncio, os
from _luastyle import p


async def ticker(n):
    for i in range(n):
        p("tick", i)
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    r, w = os.pipe()
    os.set_blocking(r, False)
    os.set_blocking(w, False)

    # a reader that takes one byte per call: called at every iteration while
    # the pipe holds data (level-triggered), after the callbacks already ready
    def one_byte(tag):
        data = os.read(r, 1)
        p("read", tag, data.decode())
    loop.add_reader(r, one_byte, "x")
    t = asyncio.create_task(ticker(5))
    os.write(w, b"abc")
    loop.call_soon(p, "soon")
    await t
    p("removed", loop.remove_reader(r), loop.remove_reader(r))

    # add_reader replaces the fd's reader; a future set from the callback
    # wakes the task that awaits it
    fut = loop.create_future()
    def first():
        p("first reader: not called")
    def second():
        data = os.read(r, 100)
        loop.remove_reader(r)
        fut.set_result(data.decode())
    loop.add_reader(r, first)
    loop.add_reader(r, second)
    os.write(w, b"hello")
    p("future:", await fut)

    # a writer on a writable pipe runs at the next iteration; reader and
    # writer of one iteration run reader first
    r2, w2 = os.pipe()
    os.set_blocking(r2, False)
    def writable():
        p("writable")
        loop.remove_writer(w)
        loop.remove_writer(w2)
    loop.add_writer(w, writable)
    await asyncio.sleep(0)
    p("after writer")

    # an error in a callback is reported and the loop goes on; EOF reads b""
    done = loop.create_future()
    def on_eof():
        data = os.read(r, 100)
        if data == b"":
            loop.remove_reader(r)
            done.set_result("eof")
        else:
            raise ValueError("not yet: " + data.decode())
    loop.add_reader(r, on_eof)
    os.write(w, b"x")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    os.close(w)
    p("done:", await done)
    os.close(r)
    os.close(r2)
    os.close(w2)

    # bad descriptors
    for bad in (-1,):
        try:
            loop.add_reader(bad, print)
        except Exception as e:
            p(type(e).__name__, e)
    p("remove unknown:", loop.remove_reader(12345))

asyncio.run(main())
