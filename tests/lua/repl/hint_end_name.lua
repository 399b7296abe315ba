-- `end` used as a variable's name, as Python's `end = time.time()`, is
-- Lua's keyword: the hint says so, at the prompt (assigned, declared, read)
-- and in a script, also inside a function, where the `end` closes the
-- function and the error is further on. An `end` that closes a block, and
-- print's end= keyword argument, get no such hint.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local HINT = "hint: end is a Lua keyword (it closes a block), not a name: call the variable something else, " ..
  "such as finish\n"
local out, err, code = cli.run('"$L" -i', table.concat({
  'start = time.time()', 'end = time.time()', 'local end = time.time()', 'print(end - start)',
  'elapsed = end - start', 'if true then end end', 'print("a", end="")', '',
}, "\n"))
eq("REPL: exit status", code, 0)
has("end assigned", err, "stdin#2:1: <eof> expected near 'end'\n" .. HINT)
has("end declared", err, "stdin#3:1: <name> expected near 'end'\n" .. HINT)
has("end read", err, "stdin#4:1: unexpected symbol near 'end'\n" .. HINT)
has("end read after =", err, "stdin#5:1: unexpected symbol near 'end'\n" .. HINT)
has("an end too many", err, "stdin#6:1: <eof> expected near 'end'\n")
cli.check("an end too many: no hint", not err:find("stdin#6:1: <eof> expected near 'end'\nhint", 1, true), err)
has("print's end=", err, "stdin#7:1: unexpected symbol near 'end'\nhint: Lua's print has no end=")

local script = cli.tmpfile(table.concat({
  "local main = async(function()",
  "  local start = time.time()",
  "  end = time.time()",
  "  print(end - start)",
  "end)",
  "asyncio.run(main())",
}, "\n") .. "\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: status", code, 1)
eq("script: the error and the hint", err, "luasync: " .. script .. ":3: ')' expected (to close '(' at line 1) " ..
  "near '='\n" .. HINT)
cli.finish()
