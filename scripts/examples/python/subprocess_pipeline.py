# subprocess_pipeline: the Python twin of ../subprocess_pipeline.lua.
import asyncio
import re
from asyncio import subprocess as sp


async def run(cmd):
    p = await asyncio.create_subprocess_shell(cmd, stdout=sp.PIPE)
    out, _ = await p.communicate()
    return out.decode().rstrip("\n")


async def main():
    results = await asyncio.gather(
        run("sleep 0.3; echo first"), run("sleep 0.2; echo second; exit 2"), run("sleep 0.1; echo third"))
    for r in results:
        print(r)

    # words | sort | uniq -c, each stage fed the last one's output
    text = "pear apple fig apple pear apple"
    words = await asyncio.create_subprocess_exec("tr", " ", "\n", stdin=sp.PIPE, stdout=sp.PIPE)
    out, _ = await words.communicate(text.encode())
    sorter = await asyncio.create_subprocess_exec("sort", stdin=sp.PIPE, stdout=sp.PIPE)
    out, _ = await sorter.communicate(out + b"\n")
    counter = await asyncio.create_subprocess_exec("uniq", "-c", stdin=sp.PIPE, stdout=sp.PIPE)
    out, _ = await counter.communicate(out)
    for line in out.decode().splitlines():
        n, word = re.match(r"\s*(\d+)\s+(\S+)", line).groups()
        print(f"{word}\t{n}")

asyncio.run(main())
