# The transcript of files_not_seekable.lua: a file that cannot seek (a
# FIFO; also /dev/stdout when it is a pipe) answers tell() and seek() with
# lseek's error, as CPython 3.13's unbuffered file (what an aiofiles file
# does once flushed), in every mode, "a" too; writes and reads go on.
# /dev/null, a device that seeks, answers 0.
import os
import subprocess
import tempfile
from _luastyle import p, fmt


def attempt(what, fn):
    try:
        p(what, fn())
    except OSError as e:
        p(what, fmt(e), e.errno, isinstance(e, OSError))


def main():
    d = tempfile.mkdtemp()
    fifo = os.path.join(d, "fifo")
    os.mkfifo(fifo)
    for mode in ["a", "w"]:
        reader = subprocess.Popen(["cat", fifo], stdout=subprocess.PIPE)
        f = open(fifo, mode + "b", buffering=0)
        attempt(mode + " tell", f.tell)
        attempt(mode + " seek", lambda: f.seek(0))
        p(mode + " write", f.write(b"hi\n"))
        attempt(mode + " tell after a write", f.tell)
        f.close()
        p(mode + " the reader got", repr(reader.communicate()[0].decode()))
    writer = subprocess.Popen(["sh", "-c", "printf 'one\\ntwo\\n' > " + fifo])
    f = open(fifo, "rb", buffering=0)
    attempt("r tell", f.tell)
    p("r readline", repr(f.readline().decode()))
    attempt("r seek end", lambda: f.seek(0, 2))
    f.close()
    writer.wait()
    os.remove(fifo)
    os.rmdir(d)
    f = open("/dev/null", "ab", buffering=0)
    p("/dev/null tell", f.tell(), "write", f.write(b"abc"), "tell", f.tell())
    f.close()


main()
