import asyncio
import os
import subprocess
from asyncio import subprocess as sp
from _luastyle import p


async def main():
    count = 0

    async def tick():
        nonlocal count
        while True:
            count += 1
            await asyncio.sleep(0)
    ticker = asyncio.create_task(tick())

    async def turns(name, make):
        await asyncio.sleep(0)
        before = count
        r = await make()
        p(name, count - before)
        return r

    proc = await turns("exec", lambda: asyncio.create_subprocess_exec("true"))
    await proc.wait()
    proc = await turns("exec, stdout piped", lambda: asyncio.create_subprocess_exec("true", stdout=sp.PIPE))
    await proc.communicate()
    proc = await turns("exec, all three piped", lambda: asyncio.create_subprocess_exec(
        "true", stdin=sp.PIPE, stdout=sp.PIPE, stderr=sp.PIPE))
    await proc.communicate()
    proc = await turns("exec, stderr to stdout", lambda: asyncio.create_subprocess_exec(
        "true", stdout=sp.PIPE, stderr=sp.STDOUT))
    await proc.communicate()
    proc = await turns("shell, stdin piped", lambda: asyncio.create_subprocess_shell("cat", stdin=sp.PIPE))
    await proc.communicate()
    ticker.cancel()

    # The creating task cancelled once it started the child: cancelled, and
    # no child left (a child of this process named sleep).
    def children():
        out = subprocess.run(["pgrep", "-c", "-P", str(os.getpid()), "-x", "sleep"], capture_output=True, text=True)
        return int(out.stdout)
    loop = asyncio.get_running_loop()
    for opts in ({}, dict(stdin=sp.PIPE, stdout=sp.PIPE)):
        t = loop.create_task(asyncio.create_subprocess_exec("sleep", "30", **opts))
        loop.call_soon(t.cancel)
        try:
            await t
            ok = True
        except asyncio.CancelledError:
            ok = False
        p("creation cancelled:", not ok and t.cancelled(), "children left:", children())


asyncio.run(main())
