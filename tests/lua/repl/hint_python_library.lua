-- Python's library where Lua has none of it gets the Lua form, at the REPL
-- (through a pipe) and under a script's error: a list's sort, pop and
-- insert (Python's index from 0 made Lua's from 1), a dict's get, items,
-- keys and values, a string's split, strip and startswith, a string method
-- called with '.', the built-ins max, min, abs, round (halves to even in
-- Python, said so), sorted and sum, "%d items" % n, a if c else b,
-- except ... as e and finally, and while/if with their body on one line.
-- The hinted code runs and gives what Python gives. Valid Lua that only
-- looks alike gets no hint.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  'lst = {3, 1, 2}; d = {k = 1}; s = " a,b "; x = 0; n = 5',
  "lst.sort()",
  "lst.pop()",
  "lst.pop(0)",
  "lst.insert(0, 9)",
  "lst.pop(-1)",
  "lst.insert(-2, 7)",
  "total = sum + 1",
  'd.get("k")',
  'd.get("k", 0)',
  "for k, v in d.items() do end",
  "d.keys()",
  "d.values()",
  's.split(",")',
  "s.split()",
  "s.strip()",
  's.startswith("a")',
  "s.upper()",
  's.find("a")',
  "max(1, 2)",
  "min(lst)",
  "abs(-1)",
  "round(2.5)",
  "sorted(lst)",
  "sum(lst)",
  'print("%d items" % n)',
  'print("%s and %s" % (1, 2))',
  "y = 1 if x > 0 else 2",
  "except ValueError as e:",
  "except:",
  "finally:",
  "while x < 3: x += 1",
  "if x == 0: print(x)",
  'd.get("a,b")',
  'd.get("a,b", math.max(1, 2))',
  "",
}, "\n"))
eq("REPL: exit status", code, 0)
has("lst.sort()", err, "stdin#2:1: in main chunk\nhint: Lua's tables have no sort method: table.sort(lst) sorts it in place\n")
has("lst.sort(): the error", err, "stdin#2:1: attempt to call a nil value (field 'sort')\n")
has("s.upper(): the error", err, "stdin#18:1: bad argument #1 to 'upper' (string expected, got no value)\n")
has("'%d items' % n: the error", err, "attempt to mod a 'string' with a 'number'\n")
has("lst.pop()", err, "hint: Lua's tables have no pop: table.remove(lst) removes and gives the last item\n")
has("lst.pop(0): Lua counts from 1", err, "hint: Lua's tables have no pop: table.remove(lst, 1) removes and " ..
  "gives that item (Lua counts from 1)\n")
has("lst.insert(0, 9)", err, "hint: Lua's tables have no insert method: table.insert(lst, 1, 9) (Lua counts from 1)\n")
has("lst.pop(-1)", err, "hint: Lua's tables have no pop: table.remove(lst, #lst) removes and gives that item " ..
  "(Lua counts from 1)\n")
has("lst.insert(-2, x)", err, "hint: Lua's tables have no insert method: table.insert(lst, #lst - 1, 7) " ..
  "(Lua counts from 1)\n")
has("sum as a variable: no builtin's hint", err, "stdin#8:1: attempt to perform arithmetic on a nil value " ..
  "(global 'sum')\n")
if err:find("(global 'sum')\nhint: Lua has no sum", 1, true) then cli.fail("sum as a variable got sum's hint", err) end
-- (the arguments split at a comma outside strings and calls)
has("d.get with a comma in its key", err, "hint: Lua's tables have no get: d[\"a,b\"] (nil for a missing key)\n")
has("d.get with a call as its default", err, "hint: Lua's tables have no get: d[\"a,b\"] or math.max(1, 2) (")
has("d.get(k)", err, "hint: Lua's tables have no get: d[\"k\"] (nil for a missing key)\n")
has("d.get(k, default)", err, "hint: Lua's tables have no get: d[\"k\"] or 0 (d[\"k\"] is nil for a missing key; " ..
  "a false value gives 0 too)\n")
has("for over d.items()", err, "hint: Lua's tables have no items: for k, v in pairs(d) do ... end\n")
has("d.keys()", err, "hint: Lua's tables have no keys: for k in pairs(d) do ... end\n")
has("d.values()", err, "hint: Lua's tables have no values: for _, v in pairs(d) do ... end\n")
has("s.split(',')", err, "hint: Lua's strings have no split: for part in s:gmatch(\"[^,]+\") do ... end " ..
  "(it skips empty parts)\n")
has("s.split()", err, "hint: Lua's strings have no split: for word in s:gmatch(\"%S+\") do ... end\n")
has("s.strip()", err, "hint: Lua's strings have no strip: s:match(\"^%s*(.-)%s*$\")\n")
has("s.startswith", err, "hint: Lua's strings have no startswith: s:sub(1, #\"a\") == \"a\"\n")
has("s.upper()", err, "stdin#18:1: in main chunk\nhint: a string's methods are called with ':' in Lua: s:upper()\n")
has("s.find('a')", err, "hint: a string's methods are called with ':' in Lua: s:find(\"a\")\n")
has("max(1, 2)", err, "hint: Lua's max is math.max: math.max(1, 2)\n")
has("min of a list", err, "hint: Lua's min is math.min, of numbers: a list's is math.min(table.unpack(lst))\n")
has("abs", err, "hint: Lua's abs is math.abs: math.abs(-1)\n")
has("round: halves", err, "hint: Lua has no round: math.floor(2.5 + 0.5) rounds halves up (Python's round takes " ..
  "a half to the even number: round(2.5) is 2)\n")
has("sorted", err, "hint: Lua's sort is table.sort(lst), which sorts lst itself and gives nothing " ..
  "(a sorted copy: local s = {table.unpack(lst)}; table.sort(s))\n")
has("sum", err, "hint: Lua has no sum: local total = 0; for _, v in ipairs(lst) do total = total + v end\n")
has("'%d items' % n", err, "in main chunk\nhint: Lua formats with string.format, not %: (\"%d items\"):format(n)\n")
has("'...' % (a, b)", err, "hint: Lua formats with string.format, not %: (\"%s and %s\"):format(1, 2)\n")
has("a if c else b", err, "stdin#28:1: 'then' expected near 'else'\n" ..
  "hint: Lua has no a if c else b: y = x > 0 and 1 or 2\n")
has("except E as e:", err, "stdin#29:1: syntax error near 'ValueError'\nhint: Lua's except is what pcall gives: " ..
  "local ok, e = pcall(function() ... end); if not ok and asyncio.ValueError:is(e) then ... end\n")
has("except:", err, "stdin#30:1: <name> expected near <eof>\nhint: Lua's except is what pcall gives: " ..
  "local ok, err = pcall(function() ... end); if not ok then ... end\n")
has("finally:", err, "stdin#31:1: <name> expected near <eof>\nhint: Lua has no finally: code after the pcall " ..
  "runs either way, then error(err, 0) raises again what it caught: local ok, err = pcall(f); cleanup(); " ..
  "if not ok then error(err, 0) end\n")
has("while on one line", err, "stdin#32:1: 'do' expected near ':'\n" ..
  "hint: Lua's while on one line: while x < 3 do x = x + 1 end\n")
has("if on one line", err, "stdin#33:1: 'then' expected near ':'\n" ..
  "hint: Lua's if on one line: if x == 0 then print(x) end\n")
if out:find(">> ", 1, true) then cli.fail("an input waited on the continuation prompt", out) end

-- The hinted forms run, and give what Python gives for the same data
-- (sorted([3, 1, 2]), "a,b,c".split(","), round(2.4), round(3.5), ...).
out, err, code = cli.run('"$L" -i', table.concat({
  'lst = {3, 1, 2}; table.sort(lst); print(table.concat(lst, " "))',
  'parts = {}; for part in ("a,b,c"):gmatch("[^,]+") do parts[#parts + 1] = part end; print(#parts, parts[3])',
  'print((" x y  "):match("^%s*(.-)%s*$") .. "|")',
  's = "hello"; print(s:sub(1, #"he") == "he")',
  'print(math.floor(2.4 + 0.5), math.floor(3.5 + 0.5), math.max(table.unpack({3, 1, 2})))',
  'l = {3, 1, 2}; table.insert(l, 1, 9); print(table.remove(l, 1), table.concat(l, " "))',
  'print(("%d items"):format(5))',
  'x = 0; while x < 3 do x = x + 1 end; print(x, true and 1 or 2)',
  "",
}, "\n"))
eq("the hinted forms: exit status", code, 0)
eq("the hinted forms: no error", err, "")
has("the hinted forms give Python's values", out, "\n1 2 3\n" .. "> parts = {}; for part in (\"a,b,c\")" ..
  ":gmatch(\"[^,]+\") do parts[#parts + 1] = part end; print(#parts, parts[3])\n3\tc\n")
has("strip", out, "\nx y|\n")
has("startswith", out, "\ntrue\n")
has("round, max", out, "\n2\t4\t3\n")
has("insert at 0, pop(0)", out, "\n9\t3 1 2\n")
has("format", out, "\n5 items\n")
has("while, a if c else b", out, "\n3\t1\n")

-- Valid Lua that looks alike gets no hint: a table's own sort, a module's
-- function, string.upper() without its string, math.max.
out, err = cli.run('"$L" -i', table.concat({
  "obj = {sort = function() error('own sort') end}",
  "obj.sort()",
  "string.upper()",
  "print(math.max(1, 2), 1 > 0 and 'a' or 'b')",
  "",
}, "\n"))
has("a table's own failing sort", err, "own sort")
has("string.upper()", err, "bad argument #1 to 'upper' (string expected, got no value)")
if err:find("hint:", 1, true) then cli.fail("valid Lua got a hint", err) end
has("math.max runs", out, "\n2\ta\n")

-- A script: the hint under the error, from the script's own line.
local function script_hint(name, source, expected)
  local path = cli.tmpfile(source)
  local _, serr, scode = cli.run('"$L" ' .. cli.quote(path))
  eq("script: " .. name .. ": exit status", scode, 1)
  has("script: " .. name, serr, expected)
end
script_hint("split", 'local s = "a,b"\nlocal parts = s.split(",")\n',
  "in main chunk\nhint: Lua's strings have no split: for part in s:gmatch(\"[^,]+\") do ... end (it skips empty parts)\n")
script_hint("upper", 'local s = "a"\nprint(s.upper())\n',
  "in main chunk\nhint: a string's methods are called with ':' in Lua: s:upper()\n")
script_hint("sorted", "local t = {2, 1}\nfor _, v in ipairs(sorted(t)) do end\n",
  "hint: Lua's sort is table.sort(t), which sorts t itself")
script_hint("finally, read as a method call", "local ok, err = pcall(error)\nfinally:\n  print('x')\n",
  "hint: Lua has no finally: ")
script_hint("except", "local ok = pcall(error)\nexcept ValueError as e:\n  print(e)\n",
  ":2: syntax error near 'ValueError'\nhint: Lua's except is what pcall gives: local ok, e = pcall(function() ... end)")
script_hint("while on one line", "local x = 0\nwhile x < 3: x += 1\n",
  ":2: 'do' expected near ':'\nhint: Lua's while on one line: while x < 3 do x = x + 1 end\n")

-- lst.insert(i, x): Python's index past the end appends (and one before
-- the start prepends), where Lua refuses a position past #lst + 1: the hint
-- is the call for the list the error met, a script's local or a function's
-- parameter too; for a list it cannot see, the general form and the limit.
-- (CPython: [1, 2].insert(5, 3) is [1, 2, 3]; [1, 2, 3].insert(-1, 9) is
-- [1, 2, 9, 3]; [1, 2].insert(-5, 0) is [0, 1, 2].)
script_hint("insert past the end", "local lst = {1, 2}\nlst.insert(5, 3)\n",
  "hint: Lua's tables have no insert method: table.insert(lst, 3) appends, as Python's insert at 5 does when " ..
  "#lst is 2\n")
script_hint("insert into a parameter", "local function add(items) items.insert(1, 'x') end\nadd({})\n",
  "hint: Lua's tables have no insert method: table.insert(items, 'x') appends, as Python's insert at 1 does " ..
  "when #items is 0\n")
script_hint("insert inside the list", "local lst = {1, 2, 3, 4, 5, 6, 7}\nlst.insert(5, 3)\n",
  "hint: Lua's tables have no insert method: table.insert(lst, 6, 3) (Lua counts from 1)\n")
script_hint("insert before the start", "local lst = {1, 2}\nlst.insert(-5, 0)\n",
  "hint: Lua's tables have no insert method: table.insert(lst, 1, 0) (Lua counts from 1)\n")
script_hint("insert of a list not seen", "local t = {lst = {1, 2}}\nlocal function get() return t end\n" ..
  "get().lst.insert(5, 3)\n",
  "hint: Lua's tables have no insert method: table.insert(get().lst, 6, 3) (Lua counts from 1; a position past " ..
  "#get().lst + 1 is an error, where Python appends: table.insert(get().lst, 3) does)\n")
script_hint("insert into a field its class gives", "local obj = setmetatable({}, {__index = {lst = {1, 2}}})\n" ..
  "obj.lst.insert(5, 3)\n", "hint: Lua's tables have no insert method: table.insert(obj.lst, 6, 3) (Lua counts " ..
  "from 1; a position past #obj.lst + 1 is an error, where Python appends: table.insert(obj.lst, 3) does)\n")
out, err = cli.run('"$L" -i', table.concat({ "lst = {1, 2}", "lst.insert(5, 3)", "local l = {1, 2, 3}",
  "l.insert(-1, 9)", "" }, "\n"))
has("insert past the end at the prompt", err, "hint: Lua's tables have no insert method: table.insert(lst, 3) " ..
  "appends, as Python's insert at 5 does when #lst is 2\n")
has("insert from the end at the prompt", err, "hint: Lua's tables have no insert method: table.insert(l, #l, 9) " ..
  "(Lua counts from 1)\n")
-- (the hinted calls give what Python gives)
out, err = cli.run([["$L" -e 'local lst = {1, 2}; table.insert(lst, 3); local l = {1, 2, 3}; table.insert(l, #l, 9)]] ..
  [[ local m = {1, 2}; table.insert(m, 1, 0); print(table.concat(lst, " "), table.concat(l, " "), ]] ..
  [[table.concat(m, " "))']])
eq("the hinted inserts give Python's lists", out, "1 2 3\t1 2 9 3\t0 1 2\n")

-- A method hint follows what the receiver held when the error left its
-- task, not the line alone: a local module's function called with '.' is
-- no string method; a string has no list methods; luasync's objects have
-- methods of their own, which help lists.
local function no_hint(name, source)
  local path = cli.tmpfile(source)
  local _, serr, scode = cli.run('"$L" ' .. cli.quote(path))
  eq("script: " .. name .. ": exit status", scode, 1)
  if serr:find("hint:", 1, true) then cli.fail("script: " .. name .. ": got a hint", serr) end
end
no_hint("a local module's upper", "local M = {upper = string.upper}\nprint(M.upper())\n")
no_hint("sort of a string", 'local s = "abc"\ns.sort()\n')
no_hint("split of a table", "local words = {}\nwords.split(',')\n")
script_hint("sort of a queue", "local q = asyncio.Queue()\nq.sort()\n",
  "hint: q is a Queue, which has no method sort: help(\"Queue\") lists what it has\n")
script_hint("items of a task", "local t = asyncio.create_task(asyncio.sleep(0))\nfor k, v in t.items() do end\n",
  "hint: t is a Task, which has no method items: help(\"Task\") lists what it has\n")
script_hint("a string's upper still", 'local function f(s) return s.upper() end\nf("a")\n',
  "hint: a string's methods are called with ':' in Lua: s:upper()\n")
out, err = cli.run('"$L" -i', table.concat({ "local M = {upper = string.upper}", "M.upper()", "s = 'x'", "s.sort()",
  "q = asyncio.Queue()", "q.items()", "" }, "\n"))
has("a local module at the prompt", err, "stdin#2:1: bad argument #1 to 'upper' (string expected, got no value)\n" ..
  "stack traceback:\n  task 'stdin#2':\n\tstdin#2:1: in main chunk\nstdin#4:1: ")
has("sort of a string at the prompt", err, "stdin#4:1: attempt to call a nil value (field 'sort')\n" ..
  "stack traceback:\n  task 'stdin#4':\n\tstdin#4:1: in main chunk\nstdin#6:1: ")
has("items of a queue at the prompt", err,
  "hint: q is a Queue, which has no method items: help(\"Queue\") lists what it has\n")
cli.finish()
