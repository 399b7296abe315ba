-- A list's append and join follow what their receiver held when the call
-- failed, as the other method hints do: a string has no list method (no
-- table.insert for s.append), a table's join is JavaScript's list.join(sep)
-- (table.concat(list, sep), not the list as a separator), a string's join
-- Python's sep.join(list), and luasync's objects have methods of their own.
-- A receiver that is an expression (get().lst, rows[1]) is named whole in
-- the hint, not by its last name: table.insert(get().lst, ...), and no
-- get().lst[#get().lst + 1] that would make it twice. The hinted lines run.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

-- The hint under the first error of `source` run as a script, or nil.
local function script_hint(source)
  local path = cli.tmpfile(source)
  local _, err, code = cli.run('"$L" ' .. cli.quote(path))
  eq("script exits 1: " .. source, code, 1)
  return err:match("\n(hint: [^\n]*)\n"), err
end
local function hinted(name, source, expected)
  local h, err = script_hint(source)
  eq(name, h, expected)
  if h == nil then cli.fail(name .. ": the error", err) end
end
local function no_hint(name, source)
  local h = script_hint(source)
  if h ~= nil then cli.fail(name .. ": got a hint", h) end
end

-- append: a string's is none (Python's str has no append either); a
-- table's, a local's and a field's of an expression; a Queue's is help's.
no_hint("append of a string", 'local s = "a"\ns.append("b")\n')
no_hint("append of a string parameter", 'local function add(s) s.append("b") end\nadd("a")\n')
hinted("append of a table", "local lst = {}\nlst.append(1)\n",
  "hint: Lua's tables have no append: lst[#lst + 1] = 1, or table.insert(lst, 1)")
hinted("append of a queue", "local q = asyncio.Queue()\nq.append(1)\n",
  "hint: q is a Queue, which has no method append: help(\"Queue\") lists what it has")
hinted("append of a field an expression gives", "local t = {lst = {}}\nlocal function get() return t end\n" ..
  "get().lst.append(3)\n", "hint: Lua's tables have no append: table.insert(get().lst, 3)")
hinted("append of a list's item", "local rows = {{}}\nrows[1].append(3)\n",
  "hint: Lua's tables have no append: rows[1][#rows[1] + 1] = 3, or table.insert(rows[1], 3)")

-- join: a table's is JavaScript's list.join(sep); a string's Python's.
hinted("join of a table", 'local lst = {"a", "b"}\nprint(lst.join(","))\n',
  "hint: Lua joins a list's strings with table.concat: table.concat(lst, \",\")")
hinted("join of a table, no separator", 'local lst = {"a", "b"}\nprint(lst.join())\n',
  "hint: Lua joins a list's strings with table.concat: table.concat(lst)")
hinted("join of a string", 'local sep, parts = "-", {"a", "b"}\nprint(sep.join(parts))\n',
  "hint: Lua joins a list's strings with table.concat: table.concat(parts, sep)")
hinted("join of a string, a call's list", 'local sep = "-"\nprint(sep.join({"a", "b"}))\n',
  "hint: Lua joins a list's strings with table.concat: table.concat({\"a\", \"b\"}, sep)")
hinted("join of an expression's list, a literal separator",
  'local t = {lst = {"a", "b"}}\nlocal function get() return t end\nprint(get().lst.join("-"))\n',
  "hint: Lua joins a list's strings with table.concat: table.concat(get().lst, \"-\")")
hinted("join of a queue", "local q = asyncio.Queue()\nprint(q.join(\",\"))\n",
  "hint: methods are called with ':' in Lua: q:join(\",\")")

-- insert of a field an expression gives: the receiver is get().lst.
hinted("insert of an expression's list", "local t = {lst = {1, 2}}\nlocal function get() return t end\n" ..
  "get().lst.insert(0, 3)\n", "hint: Lua's tables have no insert method: table.insert(get().lst, 1, 3) " ..
  "(Lua counts from 1)")
-- A method called with '.' on an expression's object.
hinted("a queue's method with '.'", "local t = {q = asyncio.Queue()}\nlocal function get() return t end\n" ..
  "get().q.put_nowait(1)\n", "hint: methods are called with ':' in Lua: get().q:put_nowait(1)")
hinted("a string's method with '.' on an expression", 'local t = {s = "ab"}\nlocal function get() return t end\n' ..
  "print(get().s.upper())\n", "hint: a string's methods are called with ':' in Lua: get().s:upper()")

-- At the prompt, where the receivers are the REPL's locals and globals.
local out, err = cli.run('"$L" -i', table.concat({
  's = "a"', 's.append("b")', 'lst = {"x", "y"}', 'lst.join(",")', 'sep = "+"', 'sep.join(lst)', 'print("next")', "",
}, "\n"))
has("append of a string at the prompt: the error", err, "stdin#2:1: attempt to call a nil value (field 'append')\n")
cli.check("append of a string at the prompt: no list hint", not err:find("table.insert(s", 1, true), err)
has("join of a table at the prompt", err, "stdin#4:1: attempt to call a nil value (field 'join')\n" ..
  "stack traceback:\n  task 'stdin#4':\n\tstdin#4:1: in main chunk\n" ..
  "hint: Lua joins a list's strings with table.concat: table.concat(lst, \",\")\n")
has("join of a string at the prompt", err, "\tstdin#6:1: in main chunk\n" ..
  "hint: Lua joins a list's strings with table.concat: table.concat(lst, sep)\n")
has("the prompt goes on", out, "\nnext\n")

-- The hinted lines run and give what Python's (or JavaScript's) gave.
out, err = cli.run([["$L" -e ']] .. table.concat({
  'local t = {lst = {}}; local function get() return t end',
  "table.insert(get().lst, 3)",
  "local rows = {{}}; rows[1][#rows[1] + 1] = 3; table.insert(rows[1], 4)",
  'local lst = {"a", "b"}; local sep = "-"',
  'print(#t.lst, t.lst[1], table.concat(rows[1], " "), table.concat(lst, ","), table.concat(lst), ' ..
    'table.concat(lst, sep), table.concat({"a", "b"}, sep), table.concat(get().lst, "-"))',
  "local u = {lst = {1, 2}}; local function get2() return u end; table.insert(get2().lst, 1, 3)",
  "local v = {q = asyncio.Queue(), s = \"ab\"}; local function get3() return v end",
  "get3().q:put_nowait(1); print(table.concat(u.lst, \" \"), get3().q:qsize(), get3().s:upper())",
}, "\n") .. "'")
eq("the hinted lines: no error", err, "")
eq("the hinted lines give what Python gives", out, "1\t3\t3 4\ta,b\tab\ta-b\ta-b\t3\n3 1 2\t1\tAB\n")
cli.finish()
