-- A Lua string written to a File with an encoding may hold bytes that are
-- no UTF-8: each such byte is one character, the lone surrogate U+DC80 +
-- its value, as Python's surrogateescape reads those bytes. So every byte
-- of a run ("\xe9\xa9", "\x80\x80\x80", a sequence cut at the end, one past
-- U+10FFFF, a 5-byte form, an overlong form) is written back by
-- surrogateescape, and replace, backslashreplace and xmlcharrefreplace
-- give one replacement each (a run of continuation bytes was merged into
-- the byte before it: bytes lost); strict names the characters in
-- Python's positions (latin-1's, ascii's, charmap's and utf-8's runs), and
-- a UTF-8 file does not take what is no UTF-8. Python's UTF-16 encoders
-- refuse surrogateescape's lone bytes.
-- A raw byte right after a character is a character of its own (it was
-- taken into the one before it, strict's positions off by it).
-- Reference: reference/files_encoding_raw_bytes.py (the same bytes decoded
-- with surrogateescape, written by Python's open)
local p = require("lib.show").p
local scratch = require("lib.scratch")
local hex = scratch.hex

local path, _ <close> = scratch.file("t.txt")

local function written(enc, text, errors)
  local ok, e = pcall(function()
    local f <close> = await(asyncio.open(path, "w", { encoding = enc, errors = errors }))
    await(f:write(text))
  end)
  if not ok then return ("%s %d %d"):format(tostring(e), e.start, e["end"]) end
  local f <close> = await(asyncio.open(path, "rb"))
  return hex(await(f:read()))
end

local texts = { "caf\xe9\xa9x \xab\xbb", "\x80\x80\x80", "ab\xe3\x81", "\xe3\x81\x82\xe3\x81", "\xf4\x90\x80\x80!",
  "\xf8\x88\x80\x80\x80", "\xc0\xaf", "\xe9\xe3\x81\x82\xff", "x\x80y\x82", "\xc3\xa9\x80", "\xe2\x82\xac\x80\xe2\x82\xac" }
for _, enc in ipairs { "latin-1", "utf-8", "ascii", "cp1252", "shift_jis", "utf-16-le" } do
  for _, text in ipairs(texts) do
    for _, errors in ipairs { "strict", "replace", "ignore", "backslashreplace", "surrogateescape",
      "xmlcharrefreplace" } do
      p(enc, hex(text), errors, written(enc, text, errors))
    end
  end
end
