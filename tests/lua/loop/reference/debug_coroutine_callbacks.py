import asyncio
from _luastyle import fmt


async def work():
    pass


async def main():
    loop = asyncio.get_running_loop()

    def attempt(label, f):
        try:
            f()
            print(f"{label}\tok")
        except TypeError as e:
            print(f"{label}\t{fmt(e)}")

    loop.set_debug(True)
    attempt("call_soon", lambda: loop.call_soon(work))
    attempt("call_soon_threadsafe", lambda: loop.call_soon_threadsafe(work))
    attempt("call_later", lambda: loop.call_later(1, work))
    attempt("call_at", lambda: loop.call_at(loop.time() + 1, work))
    coro = work()
    attempt("coroutine object", lambda: loop.call_soon(coro))
    coro.close()
    attempt("run_in_executor", lambda: loop.run_in_executor(None, work))
    loop.set_debug(False)
    attempt("call_soon, debug off", lambda: loop.call_soon(print, "plain callback"))
    await asyncio.sleep(0)


asyncio.run(main())
