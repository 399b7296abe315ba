-- Python's math.inf and math.nan are nil in Lua: the error where one is
-- used gets a hint naming Lua's math.huge and 0/0, at the REPL (through a
-- pipe) and under a script's error; another nil field of math gets none.
local cli = require "lib.cli"
local has = cli.has

local out, err, code = cli.run('"$L" -i', "print(1 + math.inf)\nprint(math.nan * 2)\nprint(math.foo + 1)\n")
cli.eq("REPL: exit status", code, 0)
has("math.inf", err, "stdin#1:1: attempt to perform arithmetic on a nil value (field 'inf')\nstack traceback:\n" ..
  "  task 'stdin#1':\n\tstdin#1:1: in main chunk\nhint: Lua's infinity is math.huge (and -math.huge)\n")
has("math.nan", err, "\tstdin#2:1: in main chunk\nhint: Lua's math has no nan: 0/0 is one (x ~= x tells it)\n")
cli.check("math.foo: no hint", not err:find("stdin#3:1: in main chunk\nhint", 1, true), err)
local script = cli.tmpfile("local limit = -math.inf\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
cli.eq("script: exit status", code, 1)
has("script: the hint", err, "hint: Lua's infinity is math.huge (and -math.huge)\n")
cli.finish()
