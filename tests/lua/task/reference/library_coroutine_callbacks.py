import asyncio
import signal
from _luastyle import fmt


async def main():
    loop = asyncio.get_running_loop()
    q, lock, event = asyncio.Queue(), asyncio.Lock(), asyncio.Event()

    def attempt(label, f):
        try:
            f()
            print(f"{label}\tok")
        except TypeError as e:
            print(f"{label}\t{fmt(e)}")

    loop.set_debug(True)
    attempt("call_soon Queue.get", lambda: loop.call_soon(q.get))
    attempt("call_soon_threadsafe Queue.put", lambda: loop.call_soon_threadsafe(q.put, 1))
    attempt("call_later Lock.acquire", lambda: loop.call_later(0, lock.acquire))
    attempt("call_at Event.wait", lambda: loop.call_at(loop.time() + 1, event.wait))
    attempt("call_soon sleep", lambda: loop.call_soon(asyncio.sleep, 0))
    attempt("run_in_executor Queue.get", lambda: loop.run_in_executor(None, q.get))
    loop.set_debug(False)
    attempt("add_signal_handler Queue.get", lambda: loop.add_signal_handler(signal.SIGUSR1, q.get))
    attempt("call_soon, debug off", lambda: loop.call_soon(print, "plain callback"))
    await asyncio.sleep(0)


asyncio.run(main())
