# The transcript of files_encoding_stateful.lua: Python's open writing
# pieces through encodings that keep state, and reading them back.
import os
import tempfile
from _luastyle import p

d = tempfile.mkdtemp()
path = d + "/t.txt"


def write_read(enc, pieces):
    with open(path, "w", encoding=enc, newline="") as f:
        for piece in pieces:
            f.write(piece)
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "r", encoding=enc, newline="") as f:
        return data, f.read()


for enc in ["iso2022_jp", "euc_jis_2004", "utf-7", "shift_jis"]:
    data, text = write_read(enc, ["か", "x"])
    p(enc, data.hex(), text)
    _, text = write_read(enc, ["か", "き", "x"])
    p(enc, text)

os.remove(path)
os.rmdir(d)
