# The transcript of files_nul_path.lua: Python refuses a path with a NUL
# byte before any system call (open's "embedded null byte", the os
# functions' "<name>: embedded null character in path"); os.path.exists
# answers False.
import os
import tempfile
from _luastyle import p


def try_(what, f):
    try:
        r = f()
        p(what, "done", r)
    except ValueError as e:
        p(what, e)


d = tempfile.mkdtemp()
keep, dir_ = d + "/keep", d + "/sub"
with open(keep, "w") as f:
    f.write("precious")
os.mkdir(dir_)
try_("open w", lambda: open(keep + "\0.new", "w"))
try_("open a", lambda: open(keep + "\0.log", "a"))
try_("open r", lambda: open(keep + "\0"))
try_("open encoding", lambda: open(d + "/enc", "w", encoding="latin-1\0.x"))
try_("open encoding", lambda: open(d + "/enc", "w", encoding="utf-8\0"))
try_("open encoding", lambda: open(d + "/enc", "r", encoding="latin\0-1"))
try_("open encoding", lambda: open(d + "/enc", "rb", encoding="utf-8\0"))
try_("open errors", lambda: open(d + "/enc", "w", errors="strict\0x"))
try_("open errors", lambda: open(d + "/enc", "w", encoding="utf-8", errors="replace\0"))
try_("open errors", lambda: open(d + "/enc", "rb", errors="strict\0"))
p("exists", os.path.exists(keep + "\0.bak"), os.path.exists(keep))
try_("stat", lambda: os.stat(keep + "\0.bak"))
try_("remove", lambda: os.remove(keep + "\0.bak"))
try_("rename src", lambda: os.rename(keep + "\0.bak", d + "/moved"))
try_("rename dst", lambda: os.rename(keep, d + "/moved\0.bak"))
try_("mkdir", lambda: os.mkdir(dir_ + "\0.new"))
try_("rmdir", lambda: os.rmdir(dir_ + "\0.old"))
try_("listdir", lambda: os.listdir(dir_ + "\0.old"))
with open(keep) as f:
    p("keep still holds", f.read())
p("the directory holds", ",".join(sorted(os.listdir(d))))
os.remove(keep)
os.rmdir(dir_)
os.rmdir(d)
