-- Characters a Japanese input method types outside strings: Lua names the
-- first byte ('<\239>'); the hint names the character as Python does
-- (CPython 3.13: "invalid character '（' (U+FF08)", "invalid non-printable
-- character U+3000"), and for a full-width look-alike of ASCII, the ASCII
-- to type, with the line so corrected, which runs. Other letters (名前, a
-- name in Python) are not Lua names. Full-width text in strings is fine.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  'x = 1　+ 2',
  'print（"hello"）',
  '名前 = "太郎"',
  'print(「a」)',
  's = "日本（語）" .. x、 1',
  'print(“hi”)',
  'x = 1 + 2',
  'print("hello")',
  'print("a")',
  'print("日本（語）")',
  '',
}, "\n"))
eq("REPL: exit status", code, 0)
has("U+3000", err, "stdin#1:1: unexpected symbol near '<\\227>'\nhint: invalid non-printable character U+3000 " ..
  "(a full-width space): type a space instead (switch the input method to half-width): x = 1 + 2\n")
has("full-width parentheses", err, "stdin#2:1: syntax error near '<\\239>'\nhint: invalid character '（' (U+FF08): " ..
  "type ( instead (switch the input method to half-width): print(\"hello\")\n")
has("a kanji name", err, "stdin#3:1: unexpected symbol near '<\\229>'\nhint: invalid character '名' (U+540D): " ..
  "Lua names are ASCII letters, digits and _ (text goes in quotes)\n")
has("corner brackets as quotes", err, "hint: invalid character '「' (U+300C): type \" instead (switch the input " ..
  "method to half-width): print(\"a\")\n")
has("the character outside the string, not the one in it", err, "stdin#5:1: unexpected symbol near '<\\227>'\n" ..
  "hint: invalid character '、' (U+3001): type , instead (switch the input method to half-width): " ..
  "s = \"日本（語）\" .. x, 1\n")
has("curly quotes", err, "hint: invalid character '“' (U+201C): type \" instead")
-- The corrected lines run.
has("the corrected lines run", out, "> x = 1 + 2\n> print(\"hello\")\nhello\n> print(\"a\")\na\n" ..
  "> print(\"日本（語）\")\n日本（語）\n")
cli.check("full-width text in a string: no error", not err:find("stdin#10", 1, true), err)

-- A script's error gets the same hint.
local script = cli.tmpfile('local x = 1\nprint（"hello"）\n')
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: status", code, 1)
eq("script: the error and the hint", err, "luasync: " .. script .. ":2: syntax error near '<\\239>'\n" ..
  "hint: invalid character '（' (U+FF08): type ( instead (switch the input method to half-width): print(\"hello\")\n")
script = cli.tmpfile('名前 = "太郎"\n')
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: a kanji name", err, "luasync: " .. script .. ":1: unexpected symbol near '<\\229>'\n" ..
  "hint: invalid character '名' (U+540D): Lua names are ASCII letters, digits and _ (text goes in quotes)\n")
cli.finish()
