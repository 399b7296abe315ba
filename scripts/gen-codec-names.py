#!/usr/bin/env python3
"""Writes src/asyncio/codec_names.lua: Python's encoding names and what each
codec's errors say, for asyncio.open's `encoding` (file_codec.lua).

Run it with CPython 3.13 on glibc (the table is what both answer):
    ~/.pyenv/versions/3.13.0/bin/python3 scripts/gen-codec-names.py > src/asyncio/codec_names.lua

For each codec module of Python's `encodings` package it finds the name
glibc's iconv knows it by, and checks that iconv decodes like Python (every
single byte, and a sample text for the multibyte codecs; where it does not,
the entry says so); then it
asks Python what a decode and an encode error say (the codec's name in the
message: 'charmap' for cp1252, 'latin-1' for iso8859_1; the reason).
"""
import codecs
import ctypes
import pkgutil
import sys

import encodings
import encodings.aliases

libc = ctypes.CDLL(None)
libc.iconv_open.restype = ctypes.c_void_p
libc.iconv_open.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
libc.iconv.restype = ctypes.c_size_t
libc.iconv.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(ctypes.c_size_t),
                       ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(ctypes.c_size_t)]
libc.iconv_close.argtypes = [ctypes.c_void_p]
FAILED = ctypes.c_void_p(-1).value


def iconv(to, frm, data):
    """data converted, or None on any error"""
    cd = libc.iconv_open(to.encode(), frm.encode())
    if cd in (None, FAILED):
        return None
    try:
        inbuf = ctypes.create_string_buffer(data, len(data))
        out = ctypes.create_string_buffer(len(data) * 8 + 16)
        pin, pout = ctypes.c_char_p(ctypes.addressof(inbuf)), ctypes.c_char_p(ctypes.addressof(out))
        nin, nout = ctypes.c_size_t(len(data)), ctypes.c_size_t(len(out))
        if libc.iconv(cd, ctypes.byref(pin), ctypes.byref(nin), ctypes.byref(pout), ctypes.byref(nout)) == FAILED:
            return None
        if libc.iconv(cd, None, None, ctypes.byref(pout), ctypes.byref(nout)) == FAILED:
            return None
        return out.raw[:len(out) - nout.value]
    finally:
        libc.iconv_close(cd)


def opens(name):
    cd = libc.iconv_open(b"UTF-8", name.encode())
    if cd in (None, FAILED):
        return False
    libc.iconv_close(cd)
    return True


# iconv's names that are not Python's spelled upper case
IC_NAMES = {
    "latin_1": "ISO-8859-1", "mac_roman": "MACINTOSH", "mac_iceland": "MAC-IS", "mac_latin2": "MAC-CENTRALEUROPE",
    "mac_cyrillic": "MAC-CYRILLIC", "euc_jis_2004": "EUC-JISX0213", "shift_jis_2004": "SHIFT_JISX0213",
    "iso2022_jp": "ISO-2022-JP", "iso2022_jp_1": "ISO-2022-JP-1", "iso2022_jp_2": "ISO-2022-JP-2",
    "iso2022_jp_3": "ISO-2022-JP-3", "iso2022_kr": "ISO-2022-KR", "utf_16_le": "UTF-16LE", "utf_16_be": "UTF-16BE",
    "utf_32_le": "UTF-32LE", "utf_32_be": "UTF-32BE", "utf_8_sig": "UTF-8", "ptcp154": "PT154", "kz1048": "KZ-1048",
    "hz": "HZ",
}
# A sample for the multibyte codecs: what the codec encodes of it must
# decode alike in both.
SAMPLE = "Hello, こんにちは 世界 日本語 한국어 中文 漢字 ①\\~"
# glibc's SHIFT_JIS reads 0x5C and 0x7E as JIS X 0201's yen sign and
# overline, Python's as ASCII: file_codec.lua substitutes (fix = true).
YEN = {b"\x5c": "\u00a5", b"\x7e": "\u203e"}


def agrees(mod, name):
    """(whether iconv's name decodes as Python's mod, whether only the
    yen/overline substitution separates them in ASCII's range, the bytes
    above it that decode otherwise): a few such bytes are let through and
    named in the table (mac_roman's 0xc6, an increment sign in Python, a
    Greek capital delta in glibc)"""
    fix, diffs = False, []
    for b in range(256):
        data = bytes([b])
        try:
            want = data.decode(mod)
        except UnicodeDecodeError:
            continue
        got = iconv("UTF-8", name, data)
        if got is None:
            # (a lead byte alone: incomplete for iconv, an error or not for Python)
            continue
        got = got.decode("utf-8", "surrogatepass")
        if got != want:
            if YEN.get(data) == got:
                fix = True
            elif b < 0x80 or len(diffs) >= 3:
                return False, False, []
            else:
                diffs.append(b)
    check = mod if mod != "utf_8_sig" else "utf_8"
    try:
        encoded = SAMPLE.encode(check, "ignore")
    except UnicodeError:
        return True, fix, diffs
    got = iconv("UTF-8", name, encoded)
    want = encoded.decode(check)
    if got is None:
        return False, False, []
    got = got.decode("utf-8", "surrogatepass")
    if fix:
        got = got.replace("\u00a5", "\\").replace("\u203e", "~")
    return got == want, fix, diffs


def iconv_name(mod):
    cands = [IC_NAMES.get(mod), mod.upper(), mod.upper().replace("_", "-"), mod.upper().replace("_", "")]
    for c in cands:
        if c and opens(c):
            ok, fix, diffs = agrees(mod, c)
            # (one that decodes otherwise is kept, as luasync took it
            # before, and marked: iconv's mapping, not Python's)
            return c, fix, diffs if ok else None
    return None, False, []


def decode_errors(mod):
    """(codec's name in a decode error, reason for an illegal sequence,
    reason for one cut at the end of the data), from single bytes and
    pairs"""
    name = illegal = incomplete = None
    for data in [bytes([b]) for b in range(256)] + [bytes([a, b]) for a in range(0x80, 0x100, 7) for b in (0x20, 0xff)]:
        try:
            data.decode(mod)
        except UnicodeDecodeError as e:
            name = e.encoding
            if "end of data" in e.reason or "incomplete" in e.reason or "truncated" in e.reason:
                incomplete = incomplete or e.reason
            elif e.reason not in ("invalid start byte", "invalid continuation byte"):
                illegal = illegal or e.reason
    return name, illegal, incomplete


def encode_error(mod):
    # (a lone surrogate: what a Lua string that is not UTF-8 stands for)
    for s in ("\U0010ffff", "\udcff"):
        try:
            s.encode(mod)
        except UnicodeEncodeError as e:
            return e.encoding, e.reason
    return None, None


def names_runs(mod):
    """whether mod's encoder names a run of characters it cannot encode at
    once (latin-1, ascii, charmap: any; utf-8: surrogates), as lone
    surrogates, Lua strings that are not UTF-8, are"""
    try:
        "\udcff\udcfe".encode(mod)
    except UnicodeEncodeError as e:
        return e.end - e.start > 1
    return False


def lua_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    mods = sorted(m.name for m in pkgutil.iter_modules(encodings.__path__))
    text, binary = {}, []
    for mod in mods:
        try:
            ci = codecs.lookup(mod)
        except LookupError:
            continue  # mbcs, oem: Windows only
        if not ci._is_text_encoding:
            binary.append(mod)
            continue
        text[mod] = iconv_name(mod)
    reasons = {}

    def reason_ref(r):
        if r is None:
            return "nil"
        if r not in reasons:
            reasons[r] = "R%d" % (len(reasons) + 1)
        return reasons[r]

    rows = []
    for mod, (name, fix, diffs) in text.items():
        if name is None:
            rows.append(f"  {mod} = false,")
            continue
        dname, illegal, incomplete = decode_errors(mod)
        # (iconv cannot tell which of Python's reasons: the one a student
        # meets, a lone surrogate or a code point past U+10FFFF)
        if mod.startswith("utf_16"):
            illegal = "illegal UTF-16 surrogate"
        elif mod.startswith("utf_32"):
            illegal = "code point not in range(0x110000)"
        ename, ereason = encode_error(mod)
        fields = [f"iconv = {lua_string(name)}"]
        if mod.startswith("utf_8"):
            fields.append("utf8 = true")
        if mod == "utf_8_sig":
            fields.append("sig = true")
        if fix:
            fields.append("fix = true")
        fields.append(f"decode = {lua_string(dname or ename)}")
        fields.append(f"illegal = {reason_ref(illegal)}")
        fields.append(f"incomplete = {reason_ref(incomplete)}")
        fields.append(f"encode = {lua_string(ename or dname)}")
        fields.append(f"reason = {reason_ref(ereason)}")
        if names_runs(mod if mod != "utf_8_sig" else "utf_8"):
            fields.append("run = true")
        if diffs is None:
            rows.append("  -- (iconv's mapping differs from Python's beyond a few bytes)")
        elif diffs:
            rows.append("  -- (iconv decodes %s otherwise)" % ", ".join("0x%02x" % b for b in diffs))
        rows.append(f"  {mod} = {{ {', '.join(fields)} }},")
    aliases = sorted((a, m) for a, m in encodings.aliases.aliases.items() if a != m)
    out = []
    out.append("-- Python's encoding names for asyncio.open (file_codec.lua): generated by")
    out.append("-- scripts/gen-codec-names.py from CPython %d.%d's encodings package and glibc's"
               % sys.version_info[:2])
    out.append("-- iconv; run it again rather than edit this file.")
    out.append("--")
    out.append("-- codecs: Python's codec module name -> false (Python has it, iconv does")
    out.append("-- not), or { iconv = iconv's name, utf8 (UTF-8's error reasons), sig")
    out.append("-- (utf-8-sig's byte order mark), fix (glibc's yen sign and overline for")
    out.append("-- 0x5C and 0x7E), decode and encode = the codec's name in a")
    out.append("-- UnicodeDecodeError and a UnicodeEncodeError, illegal and incomplete = a")
    out.append("-- decode error's reasons, reason = an encode error's, run = an encode error")
    out.append("-- spans the run of characters that cannot be encoded, as Python's charmap,")
    out.append("-- latin-1 and utf-8 (a run of surrogates) encoders say }.")
    out.append("-- binary: codecs that are not text encodings (Python's open refuses them).")
    out.append("-- aliases: encodings.aliases, normalised name -> codec module name.")
    out.append("")
    for r, ref in reasons.items():
        out.append(f"local {ref} = {lua_string(r)}")
    out.append("")
    out.append("local M = {}")
    out.append("")
    out.append("M.codecs = {")
    out.extend(rows)
    out.append("}")
    out.append("")
    out.append("M.binary = { " + ", ".join(f"{m} = true" for m in binary) + " }")
    out.append("")
    out.append("M.aliases = {")
    line = " "
    for a, m in aliases:
        item = f" [{lua_string(a)}] = {lua_string(m)},"
        if len(line) + len(item) > 110:
            out.append(line)
            line = " "
        line += item
    out.append(line)
    out.append("}")
    out.append("")
    out.append("return M")
    print("\n".join(out))


main()
