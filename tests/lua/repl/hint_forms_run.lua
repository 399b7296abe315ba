-- A hint that shows a line of Python as Lua shows Lua that runs, and gives
-- what Python gives (python3 prints the values in the comments below):
-- an f-string with an escaped quote, a comprehension over a list literal
-- with a method call and != (the comprehension's hint, not != alone),
-- True if c else False (true/false, never Lua's and/or with a false middle),
-- a signal handler set with the loop's method, sep.join of a list literal,
-- raise E("..." % x), and a one-line for, which the REPL refuses at once
-- (it took the next line into it, with no hint). A line whose first error is
-- its != gets the hint of the whole line (a one-line if, a if c else b), and
-- a one-line for over a list literal the for's.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  "x = 1",
  [[print(f"a\"b{x}")]],
  [[z = [s.upper() for s in ["a:b","c"] if s != "c"] ]],
  "print(True if x == 1 else False)",
  "print(False if x == 1 else True)",
  "y = None if x == 1 else 2",
  "print(None if x == 1 else 2)",
  "loop = asyncio.get_event_loop()",
  "loop.add_signal_handler(signal.SIGTERM, print)",
  [[print(", ".join(["a", "b"]))]],
  [[raise ValueError("bad: %s" % x)]],
  "for i in range(3): print(i)",
  [[print("next")]],
  "if x: print(x)",
  [[if x != 5: print("no")]],
  [[w = "yes: it" if x != 2 else 'no']],
  [[for s in ["a", "b"]: print(s)]],
  "",
}, "\n"))
eq("REPL: exit status", code, 0)
has("f-string with \\\"", err, "hint: Lua has no f-strings: (\"a\\\"b%s\"):format(x)\n")
has("a comprehension with != and a method", err, "stdin#3:1: unexpected symbol near '['\n" ..
  "hint: Lua has no list comprehensions: local z = {}; for _, s in ipairs({\"a:b\",\"c\"}) do if s ~= \"c\" then " ..
  "z[#z + 1] = s:upper() end end\n")
has("True if c else False", err, "stdin#4:1: ')' expected near 'if'\nhint: Lua has no a if c else b: print(x == 1)\n")
has("False if c else True", err, "hint: Lua has no a if c else b: print(not (x == 1))\n")
has("None if c else 2, assigned", err, "stdin#6:1: 'then' expected near 'else'\n" ..
  "hint: Lua has no a if c else b: if x == 1 then y = nil else y = 2 end\n")
has("None if c else 2, in a call", err, "hint: Lua has no a if c else b: local v; if x == 1 then v = nil else " ..
  "v = 2 end; print(v)\n")
has("a signal handler", err, "hint: luasync names a signal by a string: loop:add_signal_handler(\"SIGTERM\", print)\n")
has("join of a list literal", err, "hint: Lua joins a list's strings with table.concat: " ..
  "table.concat({\"a\", \"b\"}, \", \")\n")
has("raise with %", err, "hint: Lua raises with a function: error(asyncio.ValueError((\"bad: %s\"):format(x)))\n")
has("a one-line for is refused at once", err, "stdin#12:1: 'do' expected near <eof>\n" ..
  "hint: Lua's for on one line: for i = 0, 2 do print(i) end\n")
has("a one-line if", err, "stdin#14:1: 'then' expected near <eof>\nhint: Lua's if on one line: if x then print(x) end\n")
has("a one-line if with !=", err, "stdin#15:1: 'then' expected near '!'\n" ..
  "hint: Lua's if on one line: if x ~= 5 then print(\"no\") end\n")
has("a if c else b with !=", err, "stdin#16:1: 'then' expected near '!'\n" ..
  "hint: Lua has no a if c else b: w = x ~= 2 and \"yes: it\" or 'no'\n")
has("a one-line for over a list literal", err, "stdin#17:1: unexpected symbol near '['\n" ..
  "hint: Lua's for on one line: for _, s in ipairs({\"a\", \"b\"}) do print(s) end\n")
has("the line after the one-line for runs", out, "> print(\"next\")\nnext\n")

-- The hinted lines run, and give what Python gives.
out, err, code = cli.run('"$L" -i', table.concat({
  "x = 1",
  [[print(("a\"b%s"):format(x))]],  -- a"b1
  [[local z = {}; for _, s in ipairs({"a:b","c"}) do if s ~= "c" then z[#z + 1] = s:upper() end end]],
  "print(#z, z[1])",  -- ['A:B']
  "print(x == 1)",  -- True
  "print(not (x == 1))",  -- False
  "if x == 1 then y = nil else y = 2 end",
  "print(y)",  -- None
  "local v; if x == 1 then v = nil else v = 2 end; print(v)",  -- None
  "loop = asyncio.get_event_loop()",
  [[loop:add_signal_handler("SIGTERM", print)]],
  [[print(loop:remove_signal_handler("SIGTERM"))]],  -- True
  [[print(table.concat({"a", "b"}, ", "))]],  -- a, b
  [[print(pcall(function() error(asyncio.ValueError(("bad: %s"):format(x))) end))]],  -- ValueError: bad: 1
  "for i = 0, 2 do print(i) end",  -- 0 1 2
  "if x then print(x) end",  -- 1
  [[if x ~= 5 then print("no") end]],  -- no
  [[w = x ~= 2 and "yes: it" or 'no'; print(w)]],  -- yes: it
  [[for _, s in ipairs({"a", "b"}) do print(s) end]],  -- a b
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
eq("the hinted lines: what they print", table.concat(printed, "\n"),
  "a\"b1\n1\tA:B\ntrue\nfalse\nnil\nnil\ntrue\na, b\nfalse\tValueError: bad: 1\n0\n1\n2\n1\nno\nyes: it\na\nb")

-- In a script, the one-line for's error is at the next line: the hint
-- names the line of the for.
local script = cli.tmpfile('local x = 1\nfor i in range(3): print(i)\nprint("next")\n')
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: status", code, 1)
has("script: a one-line for", err, ":3: 'do' expected near 'print'\nhint: line 2: Lua's for on one line: " ..
  "for i = 0, 2 do print(i) end\n")
cli.finish()
