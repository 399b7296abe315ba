-- asyncio.open's third argument is checked at the call, as every luasync
-- function checks its options: an unknown option (a typo of encoding), a
-- value of the wrong kind, an encoding iconv does not know are bad
-- arguments; a "b" mode with an encoding or errors is Python's ValueError.
-- (Python's own texts where it has them: TypeError for an unknown keyword
-- has no Lua counterpart but the bad argument.)
local function check(what, cond, detail)
  if not cond then error(what .. ": " .. tostring(detail), 2) end
end
local function refused(want, ...)
  local ok, e = pcall(asyncio.open, ...)
  check(want, not ok and tostring(e):find(want, 1, true), ok and "accepted" or e)
end

refused("bad argument #3 to 'open' (unknown option 'enconding'; the options are: encoding, errors)",
  "f1.txt", "r", { encoding = "shift_jis", enconding = "x" })
refused("bad argument #3 to 'open' (table expected, got string)", "f1.txt", "r", "shift_jis")
refused("bad argument #3 to 'open' (options expected, got a list)", "f1.txt", "r", { "shift_jis" })
refused("LookupError: unknown encoding: klingon", "f1.txt", "r", { encoding = "klingon" })
-- (a codec of Python's that glibc's iconv lacks)
refused("LookupError: unknown encoding: idna (a codec of Python's that glibc's iconv lacks)", "f1.txt", "r",
  { encoding = "idna" })
-- With a byte order mark, each write would get one of its own (and tell()
-- would miss it): refused, with the forms that have an order.
refused("bad argument #3 to 'open' (encoding utf-16 is not supported (its byte order mark); use utf-16-le " ..
  "or utf-16-be)", "f1.txt", "w", { encoding = "utf-16" })
refused("bad argument #3 to 'open' (encoding UTF_32 is not supported (its byte order mark); use utf-32-le " ..
  "or utf-32-be)", "f1.txt", "r", { encoding = "UTF_32" })
refused("bad argument #3 to 'open' (encoding must be a string)", "f1.txt", "r", { encoding = 932 })
refused("bad argument #3 to 'open' (errors must be 'strict', 'replace', 'ignore', 'backslashreplace', " ..
  "'surrogateescape' or 'xmlcharrefreplace')", "f1.txt", "r", { encoding = "cp932", errors = "namereplace" })
refused("ValueError: binary mode doesn't take an encoding argument", "f1.txt", "rb", { encoding = "cp932" })
refused("ValueError: binary mode doesn't take an errors argument", "f1.txt", "rb", { errors = "ignore" })
-- (Python's names, spelled as Python takes them; without an encoding the
-- bytes are read as they are, read(n) counting bytes; with "utf-8", as
-- Python's, characters)
local path = os.tmpname()
for _, enc in ipairs { "utf-8", "UTF8", "utf_8", "shift_jis", "SJIS", "cp932", "euc_jp", "EUC-JP", "latin-1", "latin_1",
  "iso-8859-1", "cp1252", "big5", "ujis", "utf-8-sig" } do
  local f <close> = await(asyncio.open(path, "r", { encoding = enc }))
end
do
  local f <close> = await(asyncio.open(path, "w", {}))
  await(f:write("caf\xc3\xa9"))
end
do
  local f <close> = await(asyncio.open(path, "r"))
  check("bytes", await(f:read(4)) == "caf\xc3", "")
end
do
  local f <close> = await(asyncio.open(path, "r", { encoding = "utf-8" }))
  check("utf-8", await(f:read(4)) == "caf\xc3\xa9", "")
end
os.remove(path)
print("ok")
