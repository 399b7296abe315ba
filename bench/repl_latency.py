#!/usr/bin/env python3
"""REPL latency through a real pseudo-terminal: time from start to the first
prompt, and the round trip from typing `1` + Enter to seeing `1` and the next
prompt. Prints one RESULT line (medians over RUNS starts / ROUNDS round trips).

    bench/repl_latency.py [LUASYNC] [RUNS] [ROUNDS]
"""
import os, pty, re, select, shutil, statistics, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build", "luasync")
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 200


def read_until(fd, needle, deadline=5.0):
    """Reads until `needle` appears, ignoring readline's escape sequences
    (bracketed paste mode switches around each line)."""
    buf = b""
    end = time.perf_counter() + deadline
    while needle not in re.sub(rb"\x1b\[\?2004[hl]\r?", b"", buf):
        left = end - time.perf_counter()
        if left <= 0:
            raise TimeoutError(f"did not see {needle!r}; got {buf[-200:]!r}")
        r, _, _ = select.select([fd], [], [], left)
        if r:
            buf += os.read(fd, 65536)
    return buf


def session(measure_rounds):
    home = tempfile.mkdtemp()
    env = dict(os.environ, HOME=home, LUASYNC_HISTORY=os.path.join(home, "hist"), TERM="xterm")
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary], env)
    try:
        read_until(fd, b"> ")
        startup = time.perf_counter() - t0
        trips = []
        for _ in range(measure_rounds):
            t = time.perf_counter()
            os.write(fd, b"1\r")
            read_until(fd, b"1\r\n> ")
            trips.append(time.perf_counter() - t)
        os.write(fd, b"\x04")
        os.waitpid(pid, 0)
        return startup, trips
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
        shutil.rmtree(home, ignore_errors=True)


starts, trips = [], []
for i in range(runs):
    s, t = session(rounds if i == 0 else 0)
    starts.append(s)
    trips += t
print("RESULT peer=luasync first_prompt_ms=%.2f roundtrip_ms=%.3f roundtrip_p99_ms=%.3f runs=%d rounds=%d" % (
    statistics.median(starts) * 1000, statistics.median(trips) * 1000,
    sorted(trips)[int(0.99 * (len(trips) - 1))] * 1000, runs, rounds))
