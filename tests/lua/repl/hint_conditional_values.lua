-- Python's "a if c else b" hinted as Lua that gives what Python gives
-- (python3 prints the values in the comments below): the first value taken
-- whole, brackets and all (the hint wrote len(c and t) or 0 for
-- len(t) if c else 0); a condition with an and/or is bracketed, and with
-- True/False arms written as a boolean only when its every part is a
-- comparison (x == 1 or x gave 3, Python's True); no note that a may be
-- false or nil when a is a literal Lua never takes as false (0 is true).
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local SETUP = "c = true; x = 3; f = function(n) return n * 2 end; t = {1, 2}"
local out, err, code = cli.run('"$L" -i', table.concat({
  SETUP,
  "y = f(3) if c else 0",
  "print(f(1) if c else 2)",
  "print(True if x == 1 or x else False)",
  "print(True if x == 1 and x < 5 else False)",
  [[print("a" if x == 3 or x > 5 else "b")]],
  "print(0 if x == 3 else 2)",
  "print(x, f(1) if c else 2, 3)",
  "print(len(t) if c else 0)",
  "",
}, "\n"))
eq("REPL: exit status", code, 0)
local function hint(n, text) return "stdin#" .. n .. ":1: " .. text .. "\nhint: Lua has no a if c else b: " end
has("a call as the first value, assigned", err, hint(2, "'then' expected near 'else'") ..
  "y = c and f(3) or 0 (it gives 0 also when f(3) is false or nil)\n")
has("a call as the first value, in a call", err, hint(3, "')' expected near 'if'") ..
  "print(c and f(1) or 2) (it gives 2 also when f(1) is false or nil)\n")
has("True/False arms, a condition that is no boolean", err, hint(4, "')' expected near 'if'") ..
  "print((x == 1 or x) and true or false)\n")
has("True/False arms, comparisons joined by and", err, hint(5, "')' expected near 'if'") ..
  "print(x == 1 and x < 5)\n")
has("a condition with or, bracketed", err, hint(6, "')' expected near 'if'") ..
  "print((x == 3 or x > 5) and \"a\" or \"b\")\n")
has("a literal 0 as the first value: no note", err, hint(7, "')' expected near 'if'") ..
  "print(x == 3 and 0 or 2)\n")
has("b ends at its argument's comma", err, hint(8, "')' expected near 'if'") ..
  "print(x, c and f(1) or 2, 3) (it gives 2 also when f(1) is false or nil)\n")
has("the note names the first value whole", err, hint(9, "')' expected near 'if'") ..
  "print(c and len(t) or 0) (it gives 0 also when len(t) is false or nil)\n")

-- The hinted lines run, and give what Python gives.
out, err, code = cli.run('"$L" -i', table.concat({
  SETUP,
  "y = c and f(3) or 0; print(y)",  -- 6
  "print(c and f(1) or 2)",  -- 2
  "print((x == 1 or x) and true or false)",  -- True
  "print(x == 1 and x < 5)",  -- False
  [[print((x == 3 or x > 5) and "a" or "b")]],  -- a
  "print(x == 3 and 0 or 2)",  -- 0
  "print(x, c and f(1) or 2, 3)",  -- 3 2 3
  "",
}, "\n"))
eq("the hinted lines: exit status", code, 0)
eq("the hinted lines: no error", err, "")
local printed = {}
for line in out:gmatch("[^\n]+") do
  if not line:find("^> ") and not line:find("^luasync ") and not line:find("^Use ") and not line:find("^Type ") then
    printed[#printed + 1] = line
  end
end
eq("the hinted lines: what they print", table.concat(printed, "\n"), "6\n2\ntrue\nfalse\na\n0\n3\t2\t3")
cli.finish()
