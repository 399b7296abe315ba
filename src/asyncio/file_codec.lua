-- The conversions of a File opened with an encoding (files.lua): Python's
-- encoding names (codec_names.lua) to iconv's, decoding to UTF-8 and
-- encoding from it (io/text_codec.cpp), with Python's error texts. Loaded
-- at the first encoding, so that a program without one does not hold it.
local errors = require "luasync.errors"
local core = require "luasync.core"
local names = require "luasync.codec_names"

local ipairs, pcall, error, select = ipairs, pcall, error, select
local gsub, byte, sub, lower, format = string.gsub, string.byte, string.sub, string.lower, string.format
local find = string.find
local utf8_len, utf8_codepoint, utf8_offset = utf8.len, utf8.codepoint, utf8.offset

local M = {}

-- glibc's SHIFT_JIS reads 0x5C and 0x7E as JIS X 0201's yen sign and
-- overline; Python's shift_jis reads them as ASCII's backslash and tilde
-- (a Windows path, a URL). No double-byte character decodes to U+00A5 or
-- U+203E, so the fix is a substitution of the decoded text.
local SJIS_DECODE, SJIS_ENCODE = { ["\u{A5}"] = "\\", ["\u{203E}"] = "~" }, { ["\\"] = "\u{A5}", ["~"] = "\u{203E}" }

local BOM = "\xEF\xBB\xBF"

-- Python's encodings.normalize_encoding, after codecs.lookup's lower
-- case: each run of characters other than ASCII letters, digits and "."
-- is one "_", none at the ends ("UTF-8" -> "utf_8", " utf--8 " -> "utf_8").
-- (Bytes past ASCII are dropped: Python drops the letters among them.)
local function normalize(enc)
  local s = gsub(gsub(lower(enc), "[\128-\255]", ""), "[^%w%.]+", "_")
  return (gsub(gsub(s, "^_", ""), "_$", ""))
end

-- The codec module Python's codecs.lookup finds for enc, as its
-- encodings.search_function does (an alias first, then the name itself),
-- and its entry in codec_names (false: iconv cannot convert it; "binary":
-- not a text encoding); nil when Python knows no such encoding.
local function lookup(enc)
  local norm = normalize(enc)
  local alias = names.aliases[norm] or names.aliases[(gsub(norm, "%.", "_"))]
  for _, mod in ipairs(alias and { alias, norm } or { norm }) do
    if mod ~= "" and not find(mod, ".", 1, true) then
      if names.codecs[mod] ~= nil then return mod, names.codecs[mod] end
      if names.binary[mod] then return mod, "binary" end
    end
  end
  return nil
end

-- The encodings that begin with a byte order mark (UTF-16, UTF-32) are
-- refused: each write and each position would be converted on its own,
-- with a mark of its own (a mark in the middle of the file, tell() two
-- bytes short); their forms with an order, utf-16-le..., are taken.
local MARKED = { utf_16 = "utf-16-le or utf-16-be", utf_32 = "utf-32-le or utf-32-be" }

-- What a File with encoding enc (Python's name) and errors needs: { codec
-- = its codec_names entry, errors = }; or nil and why not: "unknown"
-- (Python knows no such name), "binary" (not a text encoding),
-- "unsupported" (iconv does not convert it as Python), or "marked" and the
-- forms to use instead.
function M.spec(enc, errs)
  local mod, codec = lookup(enc)
  if not mod then return nil, "unknown" end
  if codec == "binary" then return nil, "binary" end
  if MARKED[mod] then return nil, "marked", MARKED[mod] end
  if not codec then return nil, "unsupported" end
  return { codec = codec, errors = errs }
end

-- A File's codec table: dec, enc (the codecs), codec (codec_names'),
-- errors, unit (the encoder's, text_codec.cpp's: a UTF-8 file's is checked
-- there, iconv's UTF-8 passes what is no UTF-8), and raw and tail
-- (files.lua's).
function M.new(spec)
  local codec = spec.codec
  local c = { codec = codec, errors = spec.errors, raw = 0, tail = "", unit = codec.utf8 and "utf8char" or "char",
    dec = core.codec_open("UTF-8", codec.iconv), enc = core.codec_open(codec.iconv, "UTF-8") }
  -- ("?" in the file's encoding, "?\0" in UTF-16-LE: its width is the
  -- encoding's code unit, text_codec.cpp's surrogateescape needs it)
  c.question = core.codec_convert(c.enc, "?", true, "strict", nil, "char")
  return c
end

-- Python's repr of one character, as its UnicodeEncodeError shows it
-- ('\xe9', '\u3042', '\U0001f600'); a byte that is no UTF-8 (a Lua string
-- may hold any) as the lone surrogate Python's surrogateescape makes of it.
local function char_repr(cp)
  if cp <= 0xFF then return format("'\\x%02x'", cp) end
  if cp <= 0xFFFF then return format("'\\u%04x'", cp) end
  return format("'\\U%08x'", cp)
end

-- The character of text at byte i: its code point and the byte after it.
-- A valid UTF-8 sequence is one, and so is a surrogate's three bytes
-- (what surrogateescape makes of a byte when reading); any other byte is
-- one character of its own, U+DC80 + its value, as Python's
-- surrogateescape reads a byte that is no UTF-8 ("\xe9\xa9" is two, and
-- so is F4 90 80 80's first byte, past U+10FFFF). text_codec.cpp's
-- char_length reads the same characters.
local function char_at(text, i)
  local ok, cp = pcall(utf8_codepoint, text, i, i, true)
  -- (The sequence's length from its code point, which utf8.codepoint read
  -- in shortest form: utf8.offset would also pass over stray continuation
  -- bytes after it, raw bytes that are characters of their own.)
  if ok and cp <= 0x10FFFF then return cp, i + (cp < 0x80 and 1 or cp < 0x800 and 2 or cp < 0x10000 and 3 or 4) end
  return 0xDC00 + byte(text, i), i + 1
end

-- How many characters text holds before byte i (1-based), counted as
-- char_at counts them (utf8.len, strict, counts valid UTF-8 runs).
local function chars_before(text, i)
  local n, at = 0, 1
  while at < i do
    local count, bad = utf8_len(text, at, i - 1)
    if count then return n + count end
    n = n + utf8_len(text, at, bad - 1) + 1
    at = select(2, char_at(text, bad))
  end
  return n
end

local function decode_error(c, bytes, start, reason, stop, base)
  local codec = c.codec
  if reason == "illegal" then
    reason = codec.illegal or "illegal multibyte sequence"
  elseif reason == "incomplete" then
    reason = codec.incomplete or "incomplete multibyte sequence"
  end
  local b = byte(bytes, start + 1)
  start, stop = start + base, stop + base
  local what = stop - start == 1 and format("byte 0x%02x in position %d", b, start) or
    format("bytes in position %d-%d", start, stop - 1)
  local e = errors.UnicodeDecodeError(format("'%s' codec can't decode %s: %s", codec.decode, what, reason))
  -- (Python's attributes; end is a Lua keyword: e["end"])
  e.encoding, e.object, e.start, e["end"], e.reason = codec.decode, bytes, start, stop, reason
  return e
end

-- The error of an encoder refusing the character at byte i of text.
-- Python's latin-1, ascii and charmap encoders name the whole run of
-- characters they cannot encode (run), as its utf-8 encoder a run of
-- surrogates (the only characters it cannot encode); the others one
-- character.
local function encode_error(c, text, i)
  local codec = c.codec
  local cp, after = char_at(text, i)
  local first = chars_before(text, i)
  local count = 1
  if codec.run then
    while after <= #text do
      local _, nxt = char_at(text, after)
      if core.codec_convert(c.enc, sub(text, after, nxt - 1), true, "strict", nil, c.unit) then break end
      count, after = count + 1, nxt
    end
  end
  local what = count == 1 and "character " .. char_repr(cp) .. " in position " .. first or
    format("characters in position %d-%d", first, first + count - 1)
  local reason = codec.reason or "illegal multibyte sequence"
  local e = errors.UnicodeEncodeError(format("'%s' codec can't encode %s: %s", codec.encode, what, reason))
  e.encoding, e.object, e.start, e["end"], e.reason = codec.encode, text, first, first + count, reason
  return e
end

-- bytes (the tail kept before them) decoded; final at the end of the file,
-- where an incomplete character is an error (or replaced, or dropped);
-- at, the file position of the first (where utf-8-sig skips its mark at
-- 0: a read of fewer than its three bytes, from a FIFO, would keep it). A
-- decode error's position counts from c.origin (files.lua).
function M.decode(c, bytes, final, at)
  local codec = c.codec
  if codec.sig and at == 0 and sub(bytes, 1, 3) == BOM then bytes = sub(bytes, 4) end
  local unit = codec.utf8 and "utf8" or "byte"
  -- (Python's handlers convert in text_codec.cpp, all but
  -- xmlcharrefreplace, which cannot decode: its first error raises)
  local xml = c.errors == "xmlcharrefreplace"
  local text, rest, reason, stop = core.codec_convert(c.dec, bytes, final, xml and "strict" or c.errors, "\u{FFFD}",
    unit)
  if not text and xml then
    error(errors.TypeError("don't know how to handle UnicodeDecodeError in error callback"), 0)
  end
  if not text then
    c.tail = ""
    error(decode_error(c, bytes, rest, reason, stop, at - (c.origin or at)), 0)
  end
  c.tail = rest
  if codec.fix then text = gsub(gsub(text, "\u{A5}", SJIS_DECODE), "\u{203E}", SJIS_DECODE) end
  return text
end

-- text encoded; at_start when it begins the file (utf-8-sig writes its
-- mark there, as Python's encoder at the start of a file).
function M.encode(c, text, at_start)
  local codec = c.codec
  if codec.fix then text = gsub(text, "[\\~]", SJIS_ENCODE) end
  -- (c.question is also the width of the encoding's code unit: Python's
  -- UTF-16 and UTF-32 encoders refuse surrogateescape's lone bytes)
  local bytes, pos, _, _, _, run = core.codec_convert(c.enc, text, true, c.errors, c.question, c.unit)
  -- (Python's charmap encoders give a handler the whole run of characters
  -- they cannot encode: one that fails names the run from its start;
  -- latin-1's, ascii's and utf-8's write what surrogateescape can first)
  if not bytes then error(encode_error(c, text, (codec.encode == "charmap" and run or pos) + 1), 0) end
  if codec.sig and at_start then return BOM .. bytes end
  return bytes
end

-- The decoder starts afresh (a seek, a write).
function M.reset(c) core.codec_reset(c.dec) end

return M
