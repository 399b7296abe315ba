-- Python's statements and expressions that Lua writes otherwise get a hint
-- that shows the Lua, at the prompt and in a script: a slice s[1:3] is
-- s:sub(2, 3) (a list's table.move), """...""" a long string [[...]],
-- assert x == 1, "msg" assert(x == 1, "msg"), del x x = nil, global x needs
-- no declaration, x = y = 0 x, y = 0, 0, x: int = 5 local x = 5,
-- "{}".format(x) ("%s"):format(x) (also under the value s.format(1, 2) and
-- s:format(1, 2) give silently), math.inf math.huge. task.cancel() on a
-- nil task says where a task comes from, not "did you mean tasks?" (the
-- REPL's function, which has no cancel). At the prompt s[0] of a string
-- and t[0], t[-1] of a list, nil in Lua, are told s:sub(1, 1), t[1], t[#t].
-- Each hinted line is then typed
-- as shown, and does what was meant.
local cli = require "lib.cli"
local eq, has, check = cli.eq, cli.has, cli.check
local function lacks(what, got, needle) check(what, not got:find(needle, 1, true), got) end

local out, err, code = cli.run('"$L" -i', table.concat({
  's = "hello"',                                     -- 1
  's[1:3]',
  's:sub(2, 3)',
  't = {10, 20, 30}',
  't[-2:]',                                          -- 5
  'print(table.concat(table.move(t, #t - 1, #t, 1, {}), " "))',
  'm = """two',
  'm = [[two',
  'lines]]',                                        -- (one input with the line before)
  'print(m)',
  'x = 1',
  'assert x == 2, "x is not 2"',
  'print(pcall(function() assert(x == 2, "x is not 2") end))',
  'del x',
  'x = nil',                                         -- 15
  'print(x)',
  'global g',
  'a = b = 0',
  'a, b = 0, 0',
  'print(a, b)',                                     -- 20
  'n: int = 5',
  'local n = 5',
  'print(n)',
  '"{} and {}".format(1, 2)',
  '("%s and %s"):format(1, 2)',                      -- 25
  'f = "{} and {}"',
  'f.format(1, 2)',
  'f:format(1, 2)',
  'math.inf',
  'math.huge > 1e308',                               -- 30
  'task.cancel()',
  's[0]',
  's:sub(1, 1)',
  't[0]',
  't[-1]',
  '',
}, "\n"))
eq("exit status", code, 0)
has("s[1:3]", err, "stdin#2:1: ']' expected near ':'\nhint: Lua has no slices: s:sub(2, 3) (Lua counts from 1, " ..
  "both ends included)\n")
has("its hinted code", out, "> s:sub(2, 3)\n\"el\"\n")
has("t[-2:] of a list", err, "stdin#5:1: ']' expected near ':'\nhint: Lua has no slices: table.move(t, #t - 1, #t, " ..
  "1, {}) gives those items in a new table (Lua counts from 1, both ends included)\n")
has("its hinted code", out, "\n20 30\n")
has("\"\"\"two", err, "stdin#7:1: unfinished string near <eof>\nhint: Lua has no triple quotes: a string of several " ..
  "lines is a long string, m = [[two ... ]] (its lines end at ]])\n")
has("its hinted code", out, "> print(m)\ntwo\nlines\n")
has("assert x == 2, \"msg\"", err, "stdin#11:1: syntax error near 'x'\nhint: Lua's assert is a function: " ..
  "assert(x == 2, \"x is not 2\")\n")
has("its hinted code", out, "\nfalse\tstdin#12:1: x is not 2\n")
has("del x", err, "stdin#13:1: syntax error near 'x'\nhint: Lua has no del: x = nil\n")
has("its hinted code", out, "> print(x)\nnil\n")
has("global g", err, "stdin#16:1: syntax error near 'g'\nhint: Lua's globals need no declaration: assign g " ..
  "anywhere, and it is global (local makes a local)\n")
has("a = b = 0", err, "stdin#17:1: unexpected symbol near '='\nhint: Lua assigns several names at once with a list " ..
  "of values: a, b = 0, 0\n")
has("its hinted code", out, "> print(a, b)\n0\t0\n")
has("n: int = 5", err, "stdin#20:1: function arguments expected near '='\nhint: Lua has no annotations: local n = 5\n")
has("its hinted code", out, "> print(n)\n5\n")
has("\"{} and {}\".format(1, 2)", err, "stdin#23:1: unexpected symbol near '\"{} and {}\"'\nhint: Lua's format " ..
  "takes %s where Python's takes {}: (\"%s and %s\"):format(1, 2)\n")
has("its hinted code", out, "> (\"%s and %s\"):format(1, 2)\n\"1 and 2\"\n")
has("f.format(1, 2): the value, then the hint", out, "> f.format(1, 2)\n\"1\"\nhint: Lua's format takes %s where " ..
  "Python's takes {}: (\"%s and %s\"):format(1, 2) (a string's methods take ':')\n")
has("f:format(1, 2)", out, "> f:format(1, 2)\n\"{} and {}\"\nhint: Lua's format takes %s where Python's takes {}: " ..
  "(\"%s and %s\"):format(1, 2)\n")
has("math.inf", out, "> math.inf\nnil\nhint: Lua's infinity is math.huge (and -math.huge)\n")
has("its hinted code", out, "> math.huge > 1e308\ntrue\n")
has("task.cancel() of a nil task", err, "stdin#30:1: attempt to index a nil value (global 'task')")
has("task.cancel(): where a task comes from", err, "hint: task is nil here: a task is what asyncio.create_task " ..
  "returned, task = asyncio.create_task(coro) (asyncio.current_task() gives the one running)\n")
lacks("task.cancel(): not the REPL's tasks()", err, "did you mean tasks?")
has("s[0] of a string: nil, then the hint", out, "> s[0]\nnil\nhint: a Lua string has no index: s:sub(1, 1) is " ..
  "its character (Lua counts from 1)\n")
has("its hinted code", out, "> s:sub(1, 1)\n\"h\"\n")
has("t[0] of a list", out, "> t[0]\nnil\nhint: Lua's lists count from 1: the first item is t[1]\n")
has("t[-1] of a list", out, "> t[-1]\nnil\nhint: Lua's lists count from 1, and a negative index is no position: the " ..
  "last item is t[#t]\n")

-- In a script: the same hints under Lua's error, and a misspelt name
-- whose method call fails is suggested only among names that could have
-- the method.
local function script_hint(lines)
  local path = cli.tmpfile(table.concat(lines, "\n") .. "\n")
  local _, e, status = cli.run('"$L" ' .. cli.quote(path))
  return e:gsub(path:gsub("%p", "%%%0"), "x.lua"), status
end
local e, status = script_hint({ 'local s = "hello"', 'print(s[1:3])' })
eq("script: status", status, 1)
has("script: s[1:3]", e, "x.lua:2: ']' expected near ':'\nhint: Lua has no slices: s:sub(2, 3) for a string; " ..
  "table.move(s, 2, 3, 1, {}) for a list's items, in a new table (Lua counts from 1, both ends included)\n")
e = script_hint({ 'local s = """two', 'lines"""' })
has("script: triple quotes", e, "x.lua:1: unfinished string near '\"two'\nhint: Lua has no triple quotes: a string " ..
  "of several lines is a long string, local s = [[two ... ]] (its lines end at ]])\n")
e = script_hint({ 'local name = "bob"', 'print("hello {}".format(name))' })
has("script: \"{}\".format", e, "x.lua:2: ')' expected near '.'\nhint: Lua's format takes %s where Python's takes " ..
  "{}: (\"hello %s\"):format(name), or \"hello \" .. name\n")
e = script_hint({ 'print(math.inf > 1)' })
has("script: math.inf", e, "x.lua:1: attempt to compare number with nil")
has("script: math.inf's hint", e, "hint: Lua's infinity is math.huge (and -math.huge)\n")
e = script_hint({ 'local n: int = 5' })
has("script: local n: int = 5", e, "x.lua:1: unexpected symbol near ':'\nhint: Lua has no annotations: " ..
  "local n = 5\n")
e = script_hint({ 'queue = {}', 'qeue.put(1)' })
lacks("script: a table without put is no suggestion", e, "did you mean queue")
e = script_hint({ 'queue = asyncio.Queue()', 'queu:put_nowait(1)' })
has("script: a Queue has put_nowait: suggested", e, "hint: did you mean queue?\n")
e = script_hint({ 'name = "bob"', 'nme:upper()' })
has("script: a string has upper: suggested", e, "hint: did you mean name?\n")
cli.finish()
