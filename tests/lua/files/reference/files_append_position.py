# The transcript of files_append_position.lua: a file in append mode, as
# CPython 3.13's unbuffered file (what an aiofiles file does once flushed):
# each write lands at the end of the file, also after what another writer
# appended; tell() after a write is where that write ended, and it does not
# move when another writer appends.
import os
import tempfile
from _luastyle import p


def main():
    fd, path = tempfile.mkstemp()
    os.close(fd)
    with open(path, "wb") as f:
        f.write(b"0123456789")

    f = open(path, "ab", buffering=0)
    p("at open", f.tell())
    p("write", f.write(b"abc"), f.tell())
    with open(path, "ab") as other:
        other.write(b"OTHER")
    p("another writer appended", f.tell())
    p("write", f.write(b"de"), f.tell())
    p("seek set 0", f.seek(0), f.tell())
    p("write after the seek", f.write(b"fg"), f.tell())
    f.close()

    f = open(path, "a+b", buffering=0)
    p("a+ at open", f.tell(), repr(f.read().decode()))
    f.seek(0)
    p("a+ read 3", repr(f.read(3).decode()), f.tell())
    p("a+ write", f.write(b"h"), f.tell(), repr(f.read().decode()))
    f.close()

    with open(path, "rb") as f:
        p("the file", f.read().decode())
    os.remove(path)


main()
