import asyncio
from asyncio import subprocess as sp
from _luastyle import p


def show(data):
    return None if data is None else data.decode().replace("\n", "\\n")


async def main():
    # communicate: stdout and stderr, the exit status (the child waits a
    # little first: no status yet right after it started, even on a busy machine)
    proc = await asyncio.create_subprocess_exec("sh", "-c", "sleep 0.2; echo out; echo err >&2; exit 3",
                                                stdout=sp.PIPE, stderr=sp.PIPE)
    p("returncode before", proc.returncode)
    out, err = await proc.communicate()
    p("communicate", show(out), show(err), proc.returncode)

    # input through stdin; stderr into stdout; DEVNULL
    proc = await asyncio.create_subprocess_exec("tr", "a-z", "A-Z", stdin=sp.PIPE, stdout=sp.PIPE)
    out, err = await proc.communicate(b"shout\n")
    p("tr", show(out), show(err), proc.returncode)
    proc = await asyncio.create_subprocess_shell("echo a; echo b >&2", stdout=sp.PIPE, stderr=sp.STDOUT)
    out, err = await proc.communicate()
    p("STDOUT", show(out), show(err))
    proc = await asyncio.create_subprocess_shell("echo hidden", stdout=sp.DEVNULL)
    p("DEVNULL", await proc.wait())

    # reading lines as they come, while another task runs
    proc = await asyncio.create_subprocess_shell("for i in 1 2 3; do echo line $i; sleep 0.2; done",
                                                 stdout=sp.PIPE)

    async def ticker():
        for i in range(3):
            await asyncio.sleep(0.2)
    t = asyncio.create_task(ticker())
    async for line in proc.stdout:
        p("got", show(line))
    p("exit", await proc.wait())
    await t

    # a child that exits before its output is read loses nothing
    proc = await asyncio.create_subprocess_shell("head -c 300000 /dev/zero; exit 5", stdout=sp.PIPE)
    await asyncio.sleep(0.5)
    data = await proc.stdout.read()
    p("late read", len(data), await proc.wait())

    # signals: terminate and kill give -SIGTERM, -SIGKILL
    proc = await asyncio.create_subprocess_exec("sleep", "10")
    proc.terminate()
    p("terminate", await proc.wait())
    proc = await asyncio.create_subprocess_exec("sleep", "10")
    proc.kill()
    p("kill", await proc.wait())
    try:
        proc.kill()  # after the exit
    except ProcessLookupError as e:
        p("kill again:", e)
    p("returncode", proc.returncode)

    # cwd and env
    proc = await asyncio.create_subprocess_shell("pwd; echo $GREETING", cwd="/tmp", env={"GREETING": "hi"},
                                                 stdout=sp.PIPE)
    out, _ = await proc.communicate()
    p("cwd env", show(out))

    # a program that does not exist
    try:
        await asyncio.create_subprocess_exec("no-such-program-xyz")
    except OSError as e:
        p(type(e).__name__, e)

asyncio.run(main())
