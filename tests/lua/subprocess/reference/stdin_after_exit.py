import asyncio
import os
from asyncio import subprocess as sp
from _luastyle import p


async def attempt(label, aw):
    try:
        p(label, "ok", await aw)
    except BrokenPipeError as e:
        # (the class alone: CPython finds the reader gone by polling the pipe,
        # BrokenPipeError(); luasync by the write that failed, [Errno 32])
        p(label, type(e).__name__)
    except Exception as e:
        p(label, e)


async def main():
    # a child that exited: its stdin is closed once the process is finished;
    # writes are dropped and drain raises ConnectionResetError('Connection lost').
    # (The children live a little, so that wait() is called before they exit:
    # CPython's order is fixed only then; luasync's always is.)
    proc = await asyncio.create_subprocess_exec("sleep", "0.1", stdin=sp.PIPE)
    p("exit", await proc.wait())
    p("closing", proc.stdin.is_closing())
    proc.stdin.write(b"x" * 200000)
    p("closing after write", proc.stdin.is_closing())
    await attempt("drain", proc.stdin.drain())
    proc.stdin.write(b"y")
    await attempt("drain again", proc.stdin.drain())
    proc.stdin.close()
    await attempt("wait_closed", proc.stdin.wait_closed())

    # the same when a grandchild still holds the pipe: the process finished
    proc = await asyncio.create_subprocess_exec(
        "sh", "-c", "sleep 30 >/dev/null 2>&1 & echo $!; sleep 0.1", stdin=sp.PIPE, stdout=sp.PIPE)
    grandchild = int(await proc.stdout.readline())
    p("exit", await proc.wait())
    p("grandchild holds stdin: closing", proc.stdin.is_closing())
    proc.stdin.write(b"x")
    await attempt("drain", proc.stdin.drain())
    os.kill(grandchild, 9)

    # a child that goes away while drain waits: the write's BrokenPipeError,
    # then the connection is lost
    proc = await asyncio.create_subprocess_exec("head", "-c", "1", stdin=sp.PIPE, stdout=sp.DEVNULL)
    proc.stdin.write(b"x" * 1000000)
    p("closing", proc.stdin.is_closing())
    await attempt("drain", proc.stdin.drain())
    p("closing", proc.stdin.is_closing())
    await attempt("drain again", proc.stdin.drain())
    p("exit", await proc.wait())

    # closed with data queued that the child never reads: wait_closed says why
    proc = await asyncio.create_subprocess_exec("head", "-c", "1", stdin=sp.PIPE, stdout=sp.DEVNULL)
    proc.stdin.write(b"x" * 1000000)
    proc.stdin.close()
    await attempt("wait_closed", proc.stdin.wait_closed())
    p("exit", await proc.wait())

    # communicate(input) to an exited child: the input is dropped quietly
    proc = await asyncio.create_subprocess_exec("sleep", "0.1", stdin=sp.PIPE, stdout=sp.PIPE)
    await proc.wait()
    out, err = await proc.communicate(b"x" * 200000)
    p("communicate after exit", out.decode() == "", err)


asyncio.run(main())
