# A signal's handler is scheduled when the loop reads the signal (CPython's
# _handle_signal puts the registered Handle in the ready queue) and runs one
# turn later: a handler removed or replaced in between still runs, as it
# was scheduled (remove_signal_handler does not cancel it); one removed
# before the signal is read does not run.
import asyncio
import os
import signal
from _luastyle import p

USR1, USR2 = signal.SIGUSR1, signal.SIGUSR2


def kill(*sigs):
    for s in sigs:
        os.kill(os.getpid(), s)


async def turns(n):
    for _ in range(n):
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    events = []

    def show(title):
        p(title + ":", " ".join(events))
        events.clear()

    # The turn that reads the signal schedules the handler after what that
    # turn's callbacks schedule.
    loop.add_signal_handler(USR1, lambda: events.append("handler"))
    kill(USR1)
    events.append("sent")
    await asyncio.sleep(0)
    events.append("read")
    loop.call_soon(lambda: events.append("soon"))
    await turns(3)
    show("order")

    # Removed by another signal's handler of the same turn: it still runs.
    def h1():
        events.append("h1 removes usr2=" + str(loop.remove_signal_handler(USR2)).lower())

    loop.add_signal_handler(USR1, h1)
    loop.add_signal_handler(USR2, lambda tag: events.append("h2 " + tag), "removed")
    kill(USR1, USR2)
    await turns(3)
    show("removed while pending")

    # Replaced by another signal's handler: the old one runs for the signal
    # already read, the new one for the next.
    def h1_replaces():
        loop.add_signal_handler(USR2, lambda: events.append("new h2"))
        events.append("h1 replaces h2")

    loop.add_signal_handler(USR1, h1_replaces)
    loop.add_signal_handler(USR2, lambda: events.append("old h2"))
    kill(USR1, USR2)
    await turns(3)
    kill(USR2)
    await turns(3)
    show("replaced while pending")

    # Removed by a callback that runs after the read, before the handler.
    loop.add_signal_handler(USR2, lambda: events.append("h2"))
    kill(USR2)
    await asyncio.sleep(0)
    loop.call_soon(lambda: events.append("removed " + str(loop.remove_signal_handler(USR2)).lower()))
    await turns(3)
    show("removed by a callback")

    # Removed before the loop read the signal: it does not run.
    loop.add_signal_handler(USR2, lambda: events.append("h2"))
    kill(USR2)
    events.append("removed " + str(loop.remove_signal_handler(USR2)).lower())
    await turns(3)
    show("removed before the read")

    loop.remove_signal_handler(USR1)
    loop.remove_signal_handler(USR2)

asyncio.run(main())
