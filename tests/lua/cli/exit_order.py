# What a program prints as it ends, in order: its output and its final
# error merged as a terminal shows them, then its exit status. The CPython
# twin of exit_order.lua, which runs it and expects the transcript it
# prints. Each error report is reduced to its last line (a traceback's
# exception): asyncio.run cancels the tasks left first, so what their
# cleanup prints comes before main's error.
import os
import subprocess
import sys
import tempfile

SCENARIOS = [
    ("main fails while a task is pending", """
import asyncio
async def bg():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("bg cancelled")
        raise
    finally:
        print("bg finally")
async def main():
    asyncio.create_task(bg())
    await asyncio.sleep(0)
    print("main raises")
    raise ValueError("boom")
asyncio.run(main())
"""),
    ("main cancelled while a task is pending", """
import asyncio
async def bg():
    try:
        await asyncio.sleep(10)
    finally:
        print("bg finally")
async def main():
    asyncio.create_task(bg())
    asyncio.get_running_loop().call_later(0.1, asyncio.current_task().cancel)
    await asyncio.sleep(1)
asyncio.run(main())
"""),
    ("main exits with a message while a task is pending", """
import asyncio, sys
async def bg():
    try:
        await asyncio.sleep(10)
    finally:
        print("bg finally")
async def main():
    asyncio.create_task(bg())
    await asyncio.sleep(0)
    sys.exit("bye")
asyncio.run(main())
"""),
    ("a callback raises KeyboardInterrupt while a task is pending", """
import asyncio
async def bg():
    try:
        await asyncio.sleep(10)
    finally:
        print("bg finally")
def interrupt():
    raise KeyboardInterrupt("from a callback")
async def main():
    asyncio.create_task(bg())
    asyncio.get_running_loop().call_later(0.1, interrupt)
    await asyncio.sleep(1)
asyncio.run(main())
"""),
    ("Ctrl-C while main runs", """
import asyncio, os, signal
async def main():
    asyncio.get_running_loop().call_later(0.1, os.kill, os.getpid(), signal.SIGINT)
    try:
        await asyncio.sleep(10)
    finally:
        print("main cleanup")
asyncio.run(main())
"""),
    ("Ctrl-C while main cleans up after a cancellation", """
import asyncio, os, signal
async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.1, asyncio.current_task().cancel)
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("main cancelled, cleaning up")
        loop.call_later(0.1, os.kill, os.getpid(), signal.SIGINT)
        try:
            await asyncio.sleep(10)
        finally:
            print("cleanup interrupted")
asyncio.run(main())
"""),
    ("Ctrl-C after main took its cancellation back", """
import asyncio, os, signal
async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.1, asyncio.current_task().cancel)
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("main cancelled, uncancels")
        asyncio.current_task().uncancel()
        loop.call_later(0.1, os.kill, os.getpid(), signal.SIGINT)
        try:
            await asyncio.sleep(10)
        finally:
            print("cleanup interrupted")
asyncio.run(main())
"""),
    ("main raises KeyboardInterrupt after catching a Ctrl-C's cancellation", """
import asyncio, os, signal
async def main():
    asyncio.get_running_loop().call_later(0.1, os.kill, os.getpid(), signal.SIGINT)
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("main caught its cancellation")
    raise KeyboardInterrupt("mine")
asyncio.run(main())
"""),
    ("main fails while a worker thread runs", """
import asyncio, time
def job():
    time.sleep(0.3)
    print("thread done")
async def main():
    asyncio.create_task(asyncio.to_thread(job))
    await asyncio.sleep(0)
    raise ValueError("boom")
asyncio.run(main())
"""),
]

PREFIX = "asyncio.exceptions."


def transcript(text):
    # A chained traceback ("During handling of the above exception...")
    # keeps its last exception only; the scenarios print no empty line.
    out, in_traceback = [], False
    for line in text.splitlines():
        if line.startswith("Traceback (most recent call last):"):
            in_traceback = True
        elif line.startswith(("During handling", "The above exception")):
            out.pop()
        elif line == "":
            pass
        elif in_traceback and line.startswith(" "):
            pass
        elif in_traceback:
            in_traceback = False
            out.append("error: " + (line[len(PREFIX):] if line.startswith(PREFIX) else line))
        else:
            out.append(line)
    return out


for name, source in SCENARIOS:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(source)
    try:
        p = subprocess.run([sys.executable, "-u", f.name], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=20)
    finally:
        os.unlink(f.name)
    status = p.returncode if p.returncode >= 0 else 128 - p.returncode
    print("-- " + name)
    for line in transcript(p.stdout):
        print(line)
    print("status", status)
