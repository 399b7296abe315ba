-- The conversions of a File opened with an encoding (files.lua): Python's
-- encoding names to iconv's, decoding to UTF-8 and encoding from it
-- (io/text_codec.cpp), with Python's error texts. Loaded at the first
-- encoding, so that a program without one does not hold it.
local errors = require "luasync.errors"
local core = require "luasync.core"

local ipairs, pcall = ipairs, pcall
local gsub, byte, lower = string.gsub, string.byte, string.lower
local utf8_len, utf8_codepoint = utf8.len, utf8.codepoint

local M = {}

-- glibc's SHIFT_JIS reads 0x5C and 0x7E as JIS X 0201's yen sign and
-- overline; Python's shift_jis reads them as ASCII's backslash and tilde
-- (a Windows path, a URL). No double-byte character decodes to U+00A5 or
-- U+203E, so the fix is a substitution of the decoded text.
local SJIS_DECODE, SJIS_ENCODE = { ["\u{A5}"] = "\\", ["\u{203E}"] = "~" }, { ["\\"] = "\u{A5}", ["~"] = "\u{203E}" }

-- The iconv name of a Python encoding name (as given, or "shift_jis" ->
-- "shift-jis", "latin_1" -> "latin1"), or nil. (UTF-8 too: its codec
-- checks what is read, and read(n) counts characters, as Python's.)
local function iconv_name(enc)
  local key = gsub(lower(enc), "[-_ ]", "")
  if key == "utf8" then return "UTF-8" end
  for _, name in ipairs { enc, (gsub(enc, "_", "-")), key } do
    local probe = core.codec_open("UTF-8", name)
    if probe then
      core.codec_close(probe)
      return name, key == "shiftjis" or key == "sjis"
    end
  end
  return nil
end

-- What a File with encoding enc (Python's name) and errors needs: { iconv
-- = iconv's name, name = enc, fix = whether it needs the Shift_JIS fix,
-- errors = }; nil when iconv knows no such encoding.
-- The encodings that begin with a byte order mark (UTF-16, UTF-32) are
-- refused: each write and each position would be converted on its own,
-- with a mark of its own (a mark in the middle of the file, tell() two
-- bytes short); their forms with an order, utf-16-le..., are taken.
M.MARKED = { utf16 = "utf-16-le or utf-16-be", utf32 = "utf-32-le or utf-32-be", ucs2 = "utf-16-le",
  ucs4 = "utf-32-le", unicode = "utf-16-le" }
function M.spec(enc, errs)
  if M.MARKED[gsub(lower(enc), "[-_ ]", "")] then return nil end
  local name, fix = iconv_name(enc)
  if not name then return nil end
  return { iconv = name, name = enc, fix = fix, errors = errs }
end

-- A File's codec table: dec, enc (the codecs), name (the encoding as
-- given, for the errors), errors, fix, and raw and tail (files.lua's).
function M.new(spec)
  return { name = spec.name, errors = spec.errors, fix = spec.fix, raw = 0, tail = "",
    dec = core.codec_open("UTF-8", spec.iconv), enc = core.codec_open(spec.iconv, "UTF-8") }
end

local function codec_error(c, what, data, pos, reason)
  if what == "decode" then
    return errors.UnicodeDecodeError(("'%s' codec can't decode byte 0x%02x in position %d: %s"):format(
      c.name, byte(data, pos + 1), pos, reason))
  end
  local ok, cp = pcall(utf8_codepoint, data, pos + 1)
  local shown = ok and ("'\\u%04x'"):format(cp) or ("byte 0x%02x"):format(byte(data, pos + 1))
  return errors.UnicodeEncodeError(("'%s' codec can't encode character %s in position %d: %s"):format(
    c.name, shown, (utf8_len(data, 1, pos) or pos), reason))
end

-- bytes (the tail kept before them) decoded; final at the end of the file,
-- where an incomplete character is an error (or replaced, or dropped).
function M.decode(c, bytes, final)
  local text, rest, reason = core.codec_convert(c.dec, bytes, final, c.errors, "\u{FFFD}", false)
  if not text then
    c.tail = ""
    error(codec_error(c, "decode", bytes, rest, reason), 0)
  end
  c.tail = rest
  if c.fix then text = gsub(gsub(text, "\u{A5}", SJIS_DECODE), "\u{203E}", SJIS_DECODE) end
  return text
end

function M.encode(c, text)
  if c.fix then text = gsub(text, "[\\~]", SJIS_ENCODE) end
  local bytes, pos, reason = core.codec_convert(c.enc, text, true, c.errors, "?", true)
  if not bytes then error(codec_error(c, "encode", text, pos, reason), 0) end
  return bytes
end

-- The decoder starts afresh (a seek, a write).
function M.reset(c) core.codec_reset(c.dec) end

return M
