# The transcript of files_encoding.lua: text files in Shift_JIS read and
# written with open(path, encoding="shift_jis"), as a Japanese class's
# files are (aiofiles.open passes encoding and errors to open).
import os
import tempfile
from _luastyle import p

SJIS = "こんにちは、世界\nC:\\temp\\a~b 〜\n最後の行"


def main():
    d = tempfile.mkdtemp()
    path = d + "/sjis.txt"
    with open(path, "wb") as f:
        f.write(SJIS.encode("shift_jis"))
    with open(path, "rb") as f:
        p("bytes", len(f.read()))
    with open(path, encoding="shift_jis", newline="") as f:
        p("read", f.read())
    with open(path, encoding="shift_jis", newline="") as f:
        p("readline", f.readline().rstrip("\n"), f.tell())
        p("read(3)", f.read(3), f.read(1), f.read(2))
        p("rest", f.read().replace("\n", "|"))
        p("at the end", repr(f.read()), repr(f.readline()))
    with open(path, encoding="shift_jis", newline="") as f:
        p("lines", "/".join(line.rstrip("\n") for line in f))
    # A character split across the first read chunk (8192 bytes)
    with open(path, "wb") as f:
        f.write(b"a" * 8191 + "あいう\n".encode("shift_jis") + b"z" * 20000)
    with open(path, encoding="shift_jis", newline="") as f:
        text = f.read()
        p("split", len(text), text[8189:8195])
    with open(path, encoding="shift_jis", newline="") as f:
        p("split readline", len(f.readline()), len(f.readline()))
    # Writing encodes
    with open(path, "w", encoding="shift_jis", newline="") as f:
        p("write", f.write("日本語\\~"), f.write("です"))
    with open(path, "rb") as f:
        p("written", f.read().hex())
    with open(path, "a", encoding="cp932", newline="") as f:
        f.write("①")
    with open(path, "rb") as f:
        p("appended", f.read().hex())
    # Errors
    with open(path, "wb") as f:
        f.write(b"ok\x82\xff!\x82")
    try:
        with open(path, encoding="shift_jis", newline="") as f:
            f.read()
    except ValueError as e:
        p(type(e).__name__, e)
    with open(path, encoding="shift_jis", errors="replace", newline="") as f:
        p("replace", f.read())
    with open(path, encoding="shift_jis", errors="ignore", newline="") as f:
        p("ignore", f.read())
    try:
        with open(path, "w", encoding="shift_jis", newline="") as f:
            f.write("price: €5")
    except ValueError as e:
        p(type(e).__name__, e)
    with open(path, "w", encoding="shift_jis", errors="replace", newline="") as f:
        f.write("€5")
    with open(path, "rb") as f:
        p("written replaced", f.read())
    with open(path, "w", encoding="latin-1", newline="") as f:
        f.write("café")
    with open(path, "rb") as f:
        p("latin-1", f.read().hex())
    os.remove(path)
    os.rmdir(d)


main()
