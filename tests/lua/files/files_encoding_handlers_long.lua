-- Python's error handlers on texts whose errors come between long runs
-- of characters that convert (more than one iconv call's worth after an
-- error, cut in the middle of a character), as Python's open(path,
-- encoding=..., errors=...): each error is replaced where it is, and a
-- stateful encoding (iso2022_jp) shifts back and forth around each
-- replacement, "replace"'s "?" too (luasync wrote it inside the shift to
-- JIS X 0208, where it read as half of a character). (The handlers
-- convert in one pass: 300,000 errors take about as long as in CPython;
-- no test bounds the time, which would depend on the machine's load.)
-- Reference: reference/files_encoding_handlers_long.py
local p = require("lib.show").p
local scratch = require("lib.scratch")
local hex = scratch.hex

local path, _ <close> = scratch.file("t.txt")

local function encoded(enc, text, errors)
  local ok, e = pcall(function()
    local f <close> = await(asyncio.open(path, "w", { encoding = enc, errors = errors }))
    await(f:write(text))
  end)
  if not ok then return p(enc, errors, e) end
  local f <close> = await(asyncio.open(path, "rb"))
  p(enc, errors, hex(await(f:read())))
end

local function decoded(enc, data, errors)
  do
    local f <close> = await(asyncio.open(path, "wb"))
    await(f:write(data))
  end
  local ok, text = pcall(function()
    local f <close> = await(asyncio.open(path, "r", { encoding = enc, errors = errors }))
    return await(f:read())
  end)
  p(enc, errors, ok and hex(text) or text)
end

local HANDLERS = { "replace", "ignore", "backslashreplace", "xmlcharrefreplace", "surrogateescape" }

p("-- encoding")
-- (runs of 2- and 3-byte characters, the first after an odd byte, around
-- characters the encoding lacks and surrogateescape's bytes)
local runs = "a" .. ("\u{E9}"):rep(40) .. "\u{3042}" .. ("\u{E9}"):rep(70) .. "\u{1F600}\u{3044}" .. ("\u{FC}"):rep(33)
local kana = "a" .. ("\u{3042}"):rep(40) .. "\u{E9}" .. ("\u{304B}"):rep(50) .. "\u{20AC}\u{1F600}" ..
  ("\u{3093}"):rep(30) .. "xyz"
local escaped = ("\u{3042}"):rep(20) .. "\xff\xfe" .. ("\u{3044}"):rep(20) .. "\xed\xb2\x80"
for _, h in ipairs(HANDLERS) do
  encoded("latin-1", runs, h)
  encoded("cp1252", runs, h)
  encoded("shift_jis", kana, h)
  encoded("iso2022_jp", kana, h)
  encoded("euc_jp", escaped, h)
  encoded("utf-16-le", escaped, h)
  encoded("utf-8", escaped, h)
end

p("-- decoding")
local sjis = "a" .. ("\x82\xa0"):rep(40) .. "\x80" .. ("\x82\xa9"):rep(50) .. "\xa0\xfd" .. ("\x83\x41"):rep(30) .. "z"
local jis = "\27$B" .. ("\x24\x22"):rep(40) .. "\xff" .. ("\x24\x23"):rep(40) .. "\27(Bab\x80" .. ("c"):rep(50)
local utf8 = "a" .. ("\u{3042}"):rep(40) .. "\xff" .. ("\u{3044}"):rep(30) .. "\xe3\x81" .. ("\u{E9}"):rep(40)
for _, h in ipairs(HANDLERS) do
  decoded("shift_jis", sjis, h)
  decoded("iso2022_jp", jis, h)
  decoded("utf-8", utf8, h)
  decoded("latin-1", sjis, h)
end
