-- Text files in another encoding: asyncio.open(path, mode, {encoding =,
-- errors =}) decodes what it reads to UTF-8 (Lua's strings) and encodes
-- what it writes, as Python's open(path, encoding="shift_jis") does (a
-- Japanese class's files are Shift_JIS): read(n) counts characters, a
-- character split between two read requests decodes whole, backslash and
-- tilde stay ASCII, errors are Python's UnicodeDecodeError and
-- UnicodeEncodeError (ValueErrors) with its texts.
-- Reference: reference/files_encoding.py
local p = require("lib.show").p
local scratch = require("lib.scratch")
local hex = scratch.hex

-- "こんにちは、世界\nC:\\temp\\a~b 〜\n最後の行" in Shift_JIS (Python's encode)
local SJIS = "\x82\xB1\x82\xF1\x82\xC9\x82\xBF\x82\xCD\x81A\x90\xA2\x8AE\x0AC:\x5Ctemp\x5Ca~b \x81`\x0A" ..
  "\x8D\xC5\x8C\xE3\x82\xCC\x8Ds"

local function bytes_of(path)
  local f <close> = await(asyncio.open(path, "rb"))
  return await(f:read())
end
local function opened(path, mode, opts) return await(asyncio.open(path, mode, opts)) end
local sjis = { encoding = "shift_jis" }

local path, _ <close> = scratch.file("sjis.txt")
do
  local f <close> = opened(path, "wb")
  await(f:write(SJIS))
end
p("bytes", #bytes_of(path))
do
  local f <close> = opened(path, "r", sjis)
  p("read", await(f:read()))
end
do
  local f <close> = opened(path, "r", sjis)
  p("readline", (await(f:readline()):gsub("\n$", "")), f:tell())
  p("read(3)", await(f:read(3)), await(f:read(1)), await(f:read(2)))
  p("rest", (await(f:read()):gsub("\n", "|")))
  local function repr(s) return (("%q"):format(s):gsub('"', "'")) end
  p("at the end", repr(await(f:read())), repr(await(f:readline())))
end
do
  local f <close> = opened(path, "r", sjis)
  local lines = {}
  for line in f:lines() do lines[#lines + 1] = line end
  p("lines", table.concat(lines, "/"))
end
-- A character split across the first read chunk (8192 bytes)
do
  local f <close> = opened(path, "wb")
  await(f:write(("a"):rep(8191), "\x82\xA0\x82\xA2\x82\xA4\x0A", ("z"):rep(20000)))
end
do
  local f <close> = opened(path, "r", sjis)
  local text = await(f:read())
  p("split", utf8.len(text), text:sub(utf8.offset(text, 8190), utf8.offset(text, 8196) - 1))
end
do
  local f <close> = opened(path, "r", sjis)
  p("split readline", utf8.len(await(f:readline())), utf8.len(await(f:readline())))
end
-- Writing encodes
do
  local f <close> = opened(path, "w", sjis)
  p("write", utf8.len("日本語\\~"), utf8.len("です"))
  await(f:write("日本語\\~"))
  await(f:write("です"))
end
p("written", hex(bytes_of(path)))
do
  local f <close> = opened(path, "a", { encoding = "cp932" })
  await(f:write("①"))
end
p("appended", hex(bytes_of(path)))
-- Errors
do
  local f <close> = opened(path, "wb")
  await(f:write("ok\x82\xff!\x82"))
end
do
  local f <close> = opened(path, "r", sjis)
  local _, e = pcall(await, f:read())
  p(getmetatable(e).__name, e)
end
do
  local f <close> = opened(path, "r", { encoding = "shift_jis", errors = "replace" })
  p("replace", await(f:read()))
end
do
  local f <close> = opened(path, "r", { encoding = "shift_jis", errors = "ignore" })
  p("ignore", await(f:read()))
end
do
  local f <close> = opened(path, "w", sjis)
  local _, e = pcall(await, f:write("price: €5"))
  p(getmetatable(e).__name, e)
end
do
  local f <close> = opened(path, "w", { encoding = "shift_jis", errors = "replace" })
  await(f:write("€5"))
end
p("written replaced", "b'" .. bytes_of(path) .. "'")
do
  local f <close> = opened(path, "w", { encoding = "latin-1" })
  await(f:write("café"))
end
p("latin-1", hex(bytes_of(path)))
