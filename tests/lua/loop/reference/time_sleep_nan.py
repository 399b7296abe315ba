# The transcript of time_sleep_nan.lua.
import time
from _luastyle import p

t0 = time.monotonic()
for v in (float("nan"), -float("nan")):
    try:
        time.sleep(v)
        p("time.sleep(nan)", True)
    except ValueError as e:
        p("time.sleep(nan)", False, e, True)
p("elapsed", "%.1f" % (time.monotonic() - t0))
