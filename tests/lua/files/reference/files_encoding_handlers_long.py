# The transcript of files_encoding_handlers_long.lua: Python's error
# handlers on texts whose errors come between long runs of characters that
# convert, and "replace" in a stateful encoding (iso2022_jp shifts to ASCII
# for its "?"). Decoded texts are shown as the UTF-8 bytes luasync's strings
# hold (a lone surrogate's three bytes too).
import os
import tempfile
from _luastyle import p

d = tempfile.mkdtemp()
path = d + "/t.txt"


def lua_text(s):
    # a Lua string's bytes: surrogateescape's bytes as they were written
    return s.encode("utf-8", "surrogateescape")


def encoded(enc, text, errors):
    try:
        with open(path, "w", encoding=enc, errors=errors, newline="") as f:
            f.write(text)
    except UnicodeError as e:
        return p(enc, errors, f"{type(e).__name__}: {e}")
    with open(path, "rb") as f:
        p(enc, errors, f.read().hex())


def decoded(enc, data, errors):
    with open(path, "wb") as f:
        f.write(data)
    try:
        with open(path, encoding=enc, errors=errors, newline="") as f:
            p(enc, errors, f.read().encode("utf-8", "surrogatepass").hex())
    except (UnicodeError, TypeError) as e:
        p(enc, errors, f"{type(e).__name__}: {e}")


HANDLERS = ["replace", "ignore", "backslashreplace", "xmlcharrefreplace", "surrogateescape"]

p("-- encoding")
runs = "a" + "\u00e9" * 40 + "\u3042" + "\u00e9" * 70 + "\U0001F600\u3044" + "\u00fc" * 33
kana = "a" + "\u3042" * 40 + "\u00e9" + "\u304b" * 50 + "\u20ac\U0001F600" + "\u3093" * 30 + "xyz"
escaped = "\u3042" * 20 + "\udcff\udcfe" + "\u3044" * 20 + "\udc80"
for h in HANDLERS:
    encoded("latin-1", runs, h)
    encoded("cp1252", runs, h)
    encoded("shift_jis", kana, h)
    encoded("iso2022_jp", kana, h)
    encoded("euc_jp", escaped, h)
    encoded("utf-16-le", escaped, h)
    encoded("utf-8", escaped, h)

p("-- decoding")
sjis = b"a" + b"\x82\xa0" * 40 + b"\x80" + b"\x82\xa9" * 50 + b"\xa0\xfd" + b"\x83\x41" * 30 + b"z"
jis = b"\x1b$B" + b"\x24\x22" * 40 + b"\xff" + b"\x24\x23" * 40 + b"\x1b(Bab\x80" + b"c" * 50
utf8 = b"a" + "\u3042".encode() * 40 + b"\xff" + "\u3044".encode() * 30 + b"\xe3\x81" + "\u00e9".encode() * 40
for h in HANDLERS:
    decoded("shift_jis", sjis, h)
    decoded("iso2022_jp", jis, h)
    decoded("utf-8", utf8, h)
    decoded("latin-1", sjis, h)

os.remove(path)
os.rmdir(d)
