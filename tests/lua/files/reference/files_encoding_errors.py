# The transcript of files_encoding_errors.lua: what Python's open with an
# encoding says when a file does not decode or a text does not encode
# (UnicodeDecodeError, UnicodeEncodeError: their texts and attributes), the
# encoding names codecs.lookup takes, LookupError for one it does not, and
# utf-8-sig's byte order mark.
import os
import tempfile
from _luastyle import p

d = tempfile.mkdtemp()
path = d + "/t.txt"


def put(data):
    with open(path, "wb") as f:
        f.write(data)


def got():
    with open(path, "rb") as f:
        return f.read().hex()


def decoded(enc, data, errors="strict"):
    put(data)
    try:
        with open(path, encoding=enc, errors=errors, newline="") as f:
            return repr(f.read())
    except UnicodeDecodeError as e:
        p(type(e).__name__, e)
        p("  ", e.encoding, e.start, e.end, e.reason, isinstance(e, UnicodeError), isinstance(e, ValueError))
        return "raised"


def encoded(enc, text, errors="strict"):
    try:
        with open(path, "w", encoding=enc, errors=errors, newline="") as f:
            f.write(text)
        return got()
    except UnicodeEncodeError as e:
        p(type(e).__name__, e)
        p("  ", e.encoding, e.start, e.end, e.reason, isinstance(e, UnicodeError), isinstance(e, ValueError))
        return "raised"


p("-- decoding")
decoded("utf-8", b"\xff")
decoded("utf-8", b"ab\xe3A")
decoded("utf-8", b"\xe3\x81A")
decoded("UTF8", b"ok \xe3\x81")
decoded("utf-8", b"\xed\xa0\x80")
# (past U+10FFFF: glibc's iconv takes it)
decoded("utf-8", b"ok\xf4\x90\x80\x80")
decoded("utf-8", b"a" * 10000 + b"\xc3")
decoded("ascii", b"a\xff")
decoded("cp1252", b"a\x81")
decoded("sjis", b"ok\x82")
decoded("euc_jp", b"\xa4\xa2\xa4")
decoded("utf-16-le", b"a\x00b")
# (line by line: a position in the chunk the error is in, as Python's
# readline decodes 8192 bytes at a time)
put(b"ab\n" * 3000 + b"\xe3\x81\n")
try:
    with open(path, encoding="utf-8", newline="") as f:
        for line in f:
            pass
except UnicodeDecodeError as e:
    p(type(e).__name__, e)
p("replace", decoded("utf-8", b"\xe3\x81A\xff\xf0\x9f\x98", "replace"))
p("ignore", decoded("utf-8", b"\xe3\x81A\xff\xf0\x9f\x98", "ignore"))

p("-- encoding")
encoded("latin-1", "\u3042")
encoded("latin-1", "ab\u3042\u3044c\u3046")
encoded("ascii", "caf\xe9")
encoded("ascii", "\U0001f600!")
encoded("shift_jis", "\u20ac\u20ac")
encoded("cp1252", "x\u3042\u3044")
p("replace", encoded("L1", "ab\u3042\u3044c", "replace"))
# (a Lua string that is no UTF-8: its byte as Python's surrogateescape
# makes it, a lone surrogate)
encoded("utf-16-le", "a\udcffb")
p("replace", encoded("utf-16-le", "a\udcffb", "replace"))

p("-- error handlers")
for h in ["backslashreplace", "surrogateescape", "xmlcharrefreplace"]:
    put(b"a\xe3\x81b\xff")
    try:
        with open(path, encoding="utf-8", errors=h, newline="") as f:
            p(h, f.read().encode("utf-8", "surrogatepass").hex())
    except TypeError as e:
        p(h, type(e).__name__, e)
    p(h, encoded("latin-1", "x\u3042\U0001f600\xe9", h))
# (surrogateescape: the bytes go through a read and a write as they were)
put(b"a\xe3\x81b\xff")
with open(path, encoding="utf-8", errors="surrogateescape", newline="") as f:
    text = f.read()
p("round trip", encoded("utf-8", text, "surrogateescape"))
# (each escaped byte counts as one character)
encoded("latin-1", text + "\u3042", "surrogateescape")

p("-- names")
put("caf\xe9".encode("latin-1"))
for enc in ["utf8", "UTF-8", "u8", "utf", "latin-1", "latin1", "Latin_1", "l1", "iso-8859-1", "8859", "cp932",
            "ms932", "sjis", "s_jis", "SHIFT-JIS", "euc_jp", "eucjp", "ujis", "utf-8-sig", "UTF_8_SIG", "utf-8--sig",
            " utf-8 ", "windows-1252", "us-ascii", "646"]:
    try:
        with open(path, encoding=enc, errors="replace", newline="") as f:
            p(repr(enc), repr(f.read()))
    except LookupError as e:
        p(repr(enc), type(e).__name__, e)
for enc in ["xyz", "utf.8", "utf8 sig", "", "rot13", "utf-8//TRANSLIT"]:
    try:
        open(path, encoding=enc)
    except LookupError as e:
        p(repr(enc), type(e).__name__, str(e).split(";")[0])

p("-- utf-8-sig")
with open(path, "w", encoding="utf-8-sig") as f:
    f.write("h\xe9")
    f.write("llo")
p("written", got())
with open(path, "a", encoding="utf-8-sig") as f:
    f.write("!")
p("appended", got())
with open(path, encoding="utf-8-sig") as f:
    p("read", repr(f.read()))
    f.seek(0)
    p("again", repr(f.read(2)), f.tell())
with open(path, encoding="utf-8") as f:
    p("as utf-8", repr(f.read()))
put(b"plain")
with open(path, encoding="utf-8-sig") as f:
    p("without a mark", repr(f.read()))

os.remove(path)
os.rmdir(d)
