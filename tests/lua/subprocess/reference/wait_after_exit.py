import asyncio
import time
from asyncio import subprocess as sp
from _luastyle import p


async def yields(aw):
    events = []

    async def other():
        events.append("other")
    asyncio.create_task(other())
    r = await aw
    events.append("wait")
    return r, "yields" if events[0] == "other" else "does not yield"


async def main():
    # 180,000 bytes unread: the child wrote them all and exited, the reader
    # stopped reading at twice its limit, so the pipe has not ended
    proc = await asyncio.create_subprocess_exec("head", "-c", "180000", "/dev/zero", stdout=sp.PIPE)
    await asyncio.sleep(0.5)
    p("returncode", proc.returncode)
    async with asyncio.timeout(2):
        p("wait", *(await yields(proc.wait())))
    p("read", len(await proc.stdout.read()), await proc.wait())

    # a grandchild holds stdout for a second; the child exited at once
    t0 = time.monotonic()
    proc = await asyncio.create_subprocess_shell("sleep 1 &", stdout=sp.PIPE)
    await asyncio.sleep(0.3)
    p("returncode", proc.returncode)
    p("wait", await proc.wait(), "before the grandchild's end:", time.monotonic() - t0 < 0.9)
    p("read", '"' + (await proc.stdout.read()).decode() + '"', "at the grandchild's end:", time.monotonic() - t0 > 0.9)

    # called while the child runs: wait() waits for the output's end as well
    proc = await asyncio.create_subprocess_shell("head -c 180000 /dev/zero; sleep 0.2", stdout=sp.PIPE)
    p("returncode", proc.returncode)
    try:
        async with asyncio.timeout(1):
            ok, e = True, await proc.wait()
    except TimeoutError as exc:
        ok, e = False, exc
    p("wait", ok, e, proc.returncode)
    p("read", len(await proc.stdout.read()), await proc.wait())


asyncio.run(main())
