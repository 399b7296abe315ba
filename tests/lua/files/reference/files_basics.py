# The transcript of files_basics.lua, with Python's file objects and os
# functions (what aiofiles wraps): the same values and error texts.
import asyncio
import os
import tempfile
from _luastyle import p


def show(s):
    return s.replace("\n", "\\n")


async def main():
    d = tempfile.mkdtemp()
    rel = lambda s: s.replace(d, "DIR")
    path = d + "/a.txt"
    with open(path, "w") as f:
        p("write", f.write("line 1\nline 2\n"), f.write("end"))
    f = open(path, newline="")
    p("readline", show(f.readline()))
    for line in f:
        p("line", line.rstrip("\n"))
    p("seek", f.seek(5), show(f.read(3)), f.tell())
    with open(path, "rb") as bf:
        bf.seek(8)
        try:
            bf.seek(-100, 1)
        except OSError as e:
            p("seek before the start:", type(e).__name__, e, bf.tell())
    p("seek end", f.seek(0, 2), len(f.read()))
    f.close()
    try:
        f.read()
    except ValueError as e:
        p("closed:", type(e).__name__, e)
    p("exists", os.path.exists(path), os.path.exists(d + "/nope"))
    p("stat", os.stat(path).st_size)
    p("listdir", ",".join(sorted(os.listdir(d))))
    os.rename(path, d + "/b.txt")
    try:
        open(path)
    except OSError as e:
        p(type(e).__name__, rel(str(e)))
    with open(d + "/b.txt", "a") as f:
        f.write("!")
    with open(d + "/b.txt") as f:
        p("appended", show(f.read()))
    for name in ("x", "y", "z"):
        with open(d + "/" + name, "w") as f:
            f.write(name * 3)
    p("listdir", ",".join(sorted(os.listdir(d))))
    try:
        open(d + "/x", "x")
    except OSError as e:
        p(type(e).__name__, rel(str(e)))
    try:
        os.rmdir(d)
    except OSError as e:
        p(type(e).__name__, rel(str(e)))
    for name in ("b.txt", "x", "y", "z"):
        os.remove(d + "/" + name)
    try:
        os.remove(d + "/x")
    except OSError as e:
        p(type(e).__name__, rel(str(e)))
    os.rmdir(d)
    p("exists", os.path.exists(d))
    try:
        open(d + "/sub/file", "w")
    except OSError as e:
        p(type(e).__name__, rel(str(e)))
    try:
        open("/tmp", "w")
    except OSError as e:
        p(type(e).__name__, e)

asyncio.run(main())
