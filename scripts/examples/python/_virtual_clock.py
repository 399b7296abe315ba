# Run a twin under a virtual clock, like `luasync --clock=virtual`:
#   python3 _virtual_clock.py NAME.py
# The loop's time, time.perf_counter/monotonic/time and a blocking time.sleep all read one
# virtual clock that jumps to the next timer whenever the loop would wait. The lessons'
# NAME.out files are this output (the same lines as a real run, with exact timings).
import asyncio
import runpy
import selectors
import sys
import time

now = 0.0


def advance(dt):
    global now
    if dt > 0:
        now += dt


class VirtualSelector(selectors.DefaultSelector):
    def select(self, timeout=None):
        ready = super().select(0)
        if ready or timeout is None:
            return ready or super().select(None)
        advance(timeout)
        return []


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(VirtualSelector())

    def time(self):
        return now


class VirtualPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualLoop()


EPOCH = 1_700_000_000.0
time.perf_counter = time.monotonic = lambda: now
time.time = lambda: EPOCH + now
time.sleep = advance
asyncio.set_event_loop_policy(VirtualPolicy())
script = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")
