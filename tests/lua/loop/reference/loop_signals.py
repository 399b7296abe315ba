import asyncio
import os
import signal
from _luastyle import p


async def main():
    loop = asyncio.get_running_loop()
    for s in (9, 999, 0):
        try:
            loop.add_signal_handler(s, print)
        except Exception as e:
            p(type(e).__name__, e)
    p("remove unknown", loop.remove_signal_handler(signal.SIGUSR1))

    async def co():
        pass
    try:
        loop.add_signal_handler(signal.SIGUSR1, co)
    except TypeError as e:
        p("TypeError", e)

    # the handler runs as a callback of the loop, with its arguments
    got = loop.create_future()

    def on_usr1(tag):
        p("handler", tag)
        if not got.done():
            got.set_result("usr1")
    loop.add_signal_handler(signal.SIGUSR1, on_usr1, "t")
    os.kill(os.getpid(), signal.SIGUSR1)
    p("future", await got)

    # a second add replaces the handler; two signals, two calls
    count = [0]

    def counter():
        count[0] += 1
    loop.add_signal_handler(signal.SIGUSR1, counter)
    os.kill(os.getpid(), signal.SIGUSR1)
    await asyncio.sleep(0.1)
    os.kill(os.getpid(), signal.SIGUSR1)
    await asyncio.sleep(0.1)
    p("count", count[0])

    # an error in a handler is reported and the loop goes on
    def broken():
        raise ValueError("handler broke")
    loop.add_signal_handler(signal.SIGUSR2, broken)
    os.kill(os.getpid(), signal.SIGUSR2)
    await asyncio.sleep(0.1)
    p("removed", loop.remove_signal_handler(signal.SIGUSR1), loop.remove_signal_handler(signal.SIGUSR2),
      loop.remove_signal_handler(signal.SIGUSR1))

asyncio.run(main())
