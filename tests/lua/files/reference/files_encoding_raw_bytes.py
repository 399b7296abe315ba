# The transcript of files_encoding_raw_bytes.lua: Python's open writing
# the text that surrogateescape reads from bytes that are no UTF-8 (each
# such byte a lone surrogate, U+DC80 + its value), under each handler.
import os
import tempfile
from _luastyle import p

d = tempfile.mkdtemp()
path = d + "/t.txt"


def written(enc, text, errors):
    try:
        with open(path, "w", encoding=enc, errors=errors, newline="") as f:
            f.write(text)
    except UnicodeEncodeError as e:
        return f"{type(e).__name__}: {e} {e.start} {e.end}"
    with open(path, "rb") as f:
        return f.read().hex()


texts = [b"caf\xe9\xa9x \xab\xbb", b"\x80\x80\x80", b"ab\xe3\x81", b"\xe3\x81\x82\xe3\x81", b"\xf4\x90\x80\x80!",
         b"\xf8\x88\x80\x80\x80", b"\xc0\xaf", b"\xe9\xe3\x81\x82\xff", b"x\x80y\x82", b"\xc3\xa9\x80",
         b"\xe2\x82\xac\x80\xe2\x82\xac"]
for enc in ["latin-1", "utf-8", "ascii", "cp1252", "shift_jis", "utf-16-le"]:
    for data in texts:
        for errors in ["strict", "replace", "ignore", "backslashreplace", "surrogateescape", "xmlcharrefreplace"]:
            p(enc, data.hex(), errors, written(enc, data.decode("utf-8", "surrogateescape"), errors))

os.remove(path)
os.rmdir(d)
