-- What asyncio.open with an encoding says when a file does not decode or
-- a text does not encode, as Python's open(path, encoding=...): the texts
-- of UnicodeDecodeError and UnicodeEncodeError (UTF-8's reasons, ascii's
-- and latin-1's ordinals, charmap's <undefined>, a run of characters named
-- at once), their attributes (encoding, start, end, reason), both
-- asyncio.UnicodeError and asyncio.ValueError; the encoding names Python's
-- codecs.lookup takes ("u8", "l1", "sjis", "ujis"...), LookupError for
-- one it does not; Python's error handlers backslashreplace,
-- surrogateescape and xmlcharrefreplace; and utf-8-sig's byte order mark
-- (skipped when read, written at the start of a file).
-- Reference: reference/files_encoding_errors.py
local p = require("lib.show").p
local scratch = require("lib.scratch")
local hex = scratch.hex

local path, _ <close> = scratch.file("t.txt")

local function put(data)
  local f <close> = await(asyncio.open(path, "wb"))
  await(f:write(data))
end
local function got()
  local f <close> = await(asyncio.open(path, "rb"))
  return (await(f:read()):gsub(".", function(c) return ("%02x"):format(c:byte()) end))
end
-- Python's repr of what these read
local function repr(s) return "'" .. s:gsub("\u{FEFF}", "\\ufeff") .. "'" end
local function show(e)
  p(getmetatable(e).__name, e)
  p("  ", e.encoding, e.start, e["end"], e.reason, asyncio.UnicodeError:is(e), asyncio.ValueError:is(e))
end

local function decoded(enc, data, errors)
  put(data)
  local ok, text = pcall(function()
    local f <close> = await(asyncio.open(path, "r", { encoding = enc, errors = errors }))
    return await(f:read())
  end)
  if ok then return repr(text) end
  show(text)
  return "raised"
end

local function encoded(enc, text, errors)
  local ok, e = pcall(function()
    local f <close> = await(asyncio.open(path, "w", { encoding = enc, errors = errors }))
    await(f:write(text))
  end)
  if ok then return got() end
  show(e)
  return "raised"
end

p("-- decoding")
decoded("utf-8", "\xff")
decoded("utf-8", "ab\xe3A")
decoded("utf-8", "\xe3\x81A")
decoded("UTF8", "ok \xe3\x81")
decoded("utf-8", "\xed\xa0\x80")
-- (past U+10FFFF: glibc's iconv takes it)
decoded("utf-8", "ok\xf4\x90\x80\x80")
decoded("utf-8", ("a"):rep(10000) .. "\xc3")
decoded("ascii", "a\xff")
decoded("cp1252", "a\x81")
decoded("sjis", "ok\x82")
decoded("euc_jp", "\xa4\xa2\xa4")
decoded("utf-16-le", "a\x00b")
-- (line by line: a position in the chunk the error is in, as Python's
-- readline decodes 8192 bytes at a time)
put(("ab\n"):rep(3000) .. "\xe3\x81\n")
do
  local _, e = pcall(function()
    local f <close> = await(asyncio.open(path, "r", { encoding = "utf-8" }))
    for _ in f:lines() do end
  end)
  p(getmetatable(e).__name, e)
end
p("replace", decoded("utf-8", "\xe3\x81A\xff\xf0\x9f\x98", "replace"))
p("ignore", decoded("utf-8", "\xe3\x81A\xff\xf0\x9f\x98", "ignore"))

p("-- encoding")
encoded("latin-1", "\u{3042}")
encoded("latin-1", "ab\u{3042}\u{3044}c\u{3046}")
encoded("ascii", "caf\u{e9}")
encoded("ascii", "\u{1F600}!")
encoded("shift_jis", "\u{20AC}\u{20AC}")
encoded("cp1252", "x\u{3042}\u{3044}")
p("replace", encoded("L1", "ab\u{3042}\u{3044}c", "replace"))
-- (a Lua string that is no UTF-8: its byte as Python's surrogateescape
-- makes it, a lone surrogate)
encoded("utf-16-le", "a\xffb")
p("replace", encoded("utf-16-le", "a\xffb", "replace"))

p("-- error handlers")
for _, h in ipairs { "backslashreplace", "surrogateescape", "xmlcharrefreplace" } do
  put("a\xe3\x81b\xff")
  local ok, text = pcall(function()
    local f <close> = await(asyncio.open(path, "r", { encoding = "utf-8", errors = h }))
    return await(f:read())
  end)
  if ok then p(h, hex(text)) else p(h, getmetatable(text).__name, text) end
  p(h, encoded("latin-1", "x\u{3042}\u{1F600}\u{e9}", h))
end
-- (surrogateescape: the bytes go through a read and a write as they were)
put("a\xe3\x81b\xff")
do
  local f <close> = await(asyncio.open(path, "r", { encoding = "utf-8", errors = "surrogateescape" }))
  local text = await(f:read())
  p("round trip", encoded("utf-8", text, "surrogateescape"))
  -- (each escaped byte counts as one character)
  encoded("latin-1", text .. "\u{3042}", "surrogateescape")
end

p("-- names")
put("caf\xe9")
for _, enc in ipairs { "utf8", "UTF-8", "u8", "utf", "latin-1", "latin1", "Latin_1", "l1", "iso-8859-1", "8859", "cp932",
  "ms932", "sjis", "s_jis", "SHIFT-JIS", "euc_jp", "eucjp", "ujis", "utf-8-sig", "UTF_8_SIG", "utf-8--sig",
  " utf-8 ", "windows-1252", "us-ascii", "646" } do
  local f <close> = await(asyncio.open(path, "r", { encoding = enc, errors = "replace" }))
  p(repr(enc), repr(await(f:read())))
end
for _, enc in ipairs { "xyz", "utf.8", "utf8 sig", "", "rot13", "utf-8//TRANSLIT" } do
  local _, e = pcall(asyncio.open, path, "r", { encoding = enc })
  p(repr(enc), getmetatable(e).__name, e.message)
end

p("-- utf-8-sig")
do
  local f <close> = await(asyncio.open(path, "w", { encoding = "utf-8-sig" }))
  await(f:write("h\u{e9}"))
  await(f:write("llo"))
end
p("written", got())
do
  local f <close> = await(asyncio.open(path, "a", { encoding = "utf-8-sig" }))
  await(f:write("!"))
end
p("appended", got())
do
  local f <close> = await(asyncio.open(path, "r", { encoding = "utf-8-sig" }))
  p("read", repr(await(f:read())))
  await(f:seek("set", 0))
  p("again", repr(await(f:read(2))), f:tell())
end
do
  local f <close> = await(asyncio.open(path, "r", { encoding = "utf-8" }))
  p("as utf-8", repr(await(f:read())))
end
put("plain")
do
  local f <close> = await(asyncio.open(path, "r", { encoding = "utf-8-sig" }))
  p("without a mark", repr(await(f:read())))
end
