-- Python idioms of the course get the Lua form: sep.join(list) is
-- table.concat(list, sep) (a literal separator or a variable), a list
-- comprehension a for loop filling a table (with its if; over range,
-- enumerate, a dict's items), x is None is x == nil (also inside Python's
-- if), enumerate is ipairs (also in a Python for), input() is io.read().
-- The hinted code runs and gives what Python gives.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  'contents = {"a", "b"}; xs = {1, 2, 3}; sep = ", "; x = nil; t = {"p", "q"}',
  "print('\\n'.join(contents))",
  "s = sep.join(contents)",
  "squares = [x * x for x in xs]",
  "print([x * 10 for x in xs if x is not None and x > 1])",
  "evens = [i for i in range(0, 6) if i % 2 == 0]",
  "if x is None then print('none') end",
  "if x is not None:",
  "for i, v in enumerate(t) do print(i, v) end",
  "for i, v in enumerate(t):",
  "name = input()",
  "name = input('Name: ')",
  "ok = x is not None",
  "print('this is fine' x)",
  "",
}, "\n"))
eq("REPL: exit status", code, 0)
has("'\\n'.join", err, "stdin#2:1: ')' expected near '.'\n" ..
  "hint: Lua joins a list's strings with table.concat: table.concat(contents, \"\\n\")\n")
has("sep.join", err, "stdin#3:1: in main chunk\nhint: Lua joins a list's strings with table.concat: " ..
  "table.concat(contents, sep)\n")
has("a list comprehension", err, "stdin#4:1: unexpected symbol near '['\nhint: Lua has no list comprehensions: " ..
  "local squares = {}; for _, x in ipairs(xs) do squares[#squares + 1] = x * x end\n")
has("a list comprehension with if, not assigned", err, "hint: Lua has no list comprehensions: local t = {}; " ..
  "for _, x in ipairs(xs) do if x ~= nil and x > 1 then t[#t + 1] = x * 10 end end (then use t)\n")
has("a list comprehension over range", err, "hint: Lua has no list comprehensions: local evens = {}; " ..
  "for i = 0, 5 do if i % 2 == 0 then evens[#evens + 1] = i end end\n")
has("is None", err, "stdin#7:1: 'then' expected near 'is'\nhint: Lua compares with == and ~= " ..
  "(Python's is and is not): x == nil\n")
has("Python's if with is not None", err, "stdin#8:1: 'then' expected near 'is'\n" ..
  "hint: Lua's if: if x ~= nil then ... end\n")
has("enumerate", err, "stdin#9:1: in main chunk\nhint: Lua's enumerate is ipairs, which counts from 1: " ..
  "for i, v in ipairs(t) do ... end\n")
has("Python's for over enumerate", err, "stdin#10:1: <name> expected near <eof>\nhint: Lua's enumerate is ipairs, " ..
  "which counts from 1: for i, v in ipairs(t) do ... end\n")
has("input()", err, "stdin#11:1: in main chunk\nhint: Lua's input() is io.read(), which stops every task while it " ..
  "waits (in a script, asyncio.stdin():readline() does not)\n")
has("input(prompt)", err, "hint: Lua's input() is io.write('Name: '); io.read(), which stops")
has("is not None in an assignment", err, "stdin#13:1: syntax error near 'not'\nhint: Lua compares with == and ~= " ..
  "(Python's is and is not): x ~= nil\n")
has("is in a string", err, "stdin#14:1: ')' expected near 'x'\n")
cli.check("is in a string: no hint", not err:find("near 'x'\nhint", 1, true), err)

-- The hinted forms run, and give what Python gives.
local script = cli.tmpfile(table.concat({
  'local contents, xs, sep, x, t = {"a", "b"}, {1, 2, 3}, ", ", nil, {"p", "q"}',
  'print(table.concat(contents, "\\n"))',
  'print(table.concat(contents, sep))',
  'local squares = {}; for _, x in ipairs(xs) do squares[#squares + 1] = x * x end',
  'print(table.concat(squares, " "))',
  'local evens = {}; for i = 0, 5 do if i % 2 == 0 then evens[#evens + 1] = i end end',
  'print(table.concat(evens, " "))',
  'print(x == nil)',
  'for i, v in ipairs(t) do print(i, v) end',
  'local name = io.read()',
  'print(name)',
}, "\n") .. "\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script), "typed\n")
eq("the hinted code: status", code, 0)
eq("the hinted code: what it prints", out, "a\nb\na, b\n1 4 9\n0 2 4\ntrue\n1\tp\n2\tq\ntyped\n")

-- A Python for over pairs of values unpacks each item.
local pairs_for = cli.tmpfile("local points = {{1, 2}}\nfor a, b in points:\n  print(a + b)\n")
out, err, code = cli.run('"$L" ' .. cli.quote(pairs_for))
eq("script: status", code, 1)
has("script: a for over pairs of values", err, "hint: line 2: Lua's for over a list: " ..
  "for _, item in ipairs(points) do local a, b = table.unpack(item) ... end\n")
cli.finish()
