-- Python habits get a one-line hint naming the Lua form, at the REPL (here
-- through a pipe) and under a script's error: await without parentheses, a
-- method called with '.', quit(), exit and help typed as values, input that
-- can never become a statement, raise, Python's exceptions and asyncio's
-- names without their table, elif, **, keyword arguments, f-strings, str(),
-- int(), list.append, b"..." and r"...", \d in a pattern, async with, with,
-- async for, #q of a queue, for x in t do. An error that shows none of
-- these gets no hint.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  "await asyncio.sleep(1)",
  "t = asyncio.spawn(function() end)",
  "t.cancel()",
  "q = asyncio.Queue()",
  "q.put(1)",
  "quit()",
  "exit",
  "help",
  "x = 5; x",
  "t:get_name",
  "#q",
  "asyncio.sleep('soon')",
  "",
}, "\n"))
eq("REPL: exit status", code, 0)
has("await without parentheses", err, "stdin#1:1: syntax error near 'asyncio'\n" ..
  "hint: await is a function in Lua: write await(asyncio.sleep(1))\n")
has("t.cancel()", err, "hint: methods are called with ':' in Lua: t:cancel()\n")
has("q.put(1)", err, "hint: methods are called with ':' in Lua: q:put(1)\n")
has("quit()", err, "attempt to call a nil value (global 'quit')")
has("quit(): its hint", err, "hint: Lua has no quit(): os.exit(status) ends a script; at the prompt, exit() or Ctrl-D\n")
has("exit typed as a value", out, "> exit\nhint: to leave, type exit() or press Ctrl-D\n")
has("help typed as a value", out, "> help\nhint: type help() for the tour")
has("x = 5; x", err, "stdin#9:1: syntax error near <eof>\nhint: Lua shows a value only when it is the whole input: " ..
  "type x on a line of its own, or print(x)\n")
has("t:get_name", err, "hint: a method is called with parentheses: t:get_name()\n")
has("#q, as Python's len(q)", err, "TypeError: object of type 'Queue' has no len()")
has("#q: its hint", err, "hint: a queue's size is q:qsize()\n")
has("a plain bad argument", err, "bad argument #1 to 'sleep' (number expected, got string)")
-- No hint under the plain bad argument (the last error), and no >> prompt:
-- no input waited for more lines.
if err:match("got string%)\n.-hint") then cli.fail("a plain bad argument got a hint", err) end
if out:find(">> ", 1, true) then cli.fail("an input waited on the continuation prompt", out) end

-- import, def and async def, as Python's statements
out, err = cli.run('"$L" -i', 'import asyncio\nfrom asyncio import sleep\nasync def main(n):\n' ..
  'def helper():\nimports = 1\nprint(imports)\n')
has("import asyncio", err, "stdin#1:1: syntax error near 'asyncio'\nhint: nothing to import: asyncio, async, " ..
  "await and time are already there (a Lua module loads with local m = require \"m\")\n")
has("from asyncio import sleep", err, "stdin#2:1: syntax error near 'asyncio'\nhint: nothing to import")
has("async def", err, "hint: an async function in Lua: local main = async(function(n) ... end)\n")
has("def", err, "hint: a function in Lua: local function helper() ... end\n")
has("a global named like a keyword of Python is left alone", out, "\n1\n")

-- async function, as JavaScript writes it
out, err = cli.run('"$L" -i', 'async function work(i) return i end\nasync function M.run(a, b) end\n')
has("async function", err, "stdin#1:1: syntax error near 'function'\n" ..
  "hint: an async function in Lua: local work = async(function(i) ... end)\n")
has("async function M.run", err, "hint: an async function in Lua: M.run = async(function(a, b) ... end)\n")

-- local async function is valid Lua -- a local named async, nil, and a
-- global plain function -- that no student means: the REPL refuses it, so
-- async() stays there for the inputs after it.
out, err = cli.run('"$L" -i', 'local async function f() end\nprint(type(async), f)\n')
has("local async function", err, "stdin#1:1: local async function declares a local named async, which would " ..
  "hide async() from every later input: not run\nhint: an async function in Lua: local f = async(function() ... end)\n")
has("async() still there, f not defined", out, "\nfunction\tnil\n")
-- at its first line, not once the student typed the body
out, err = cli.run('"$L" -i', 'local async function g(x)\nprint(type(async))\n')
has("local async function, first line", err, "stdin#1:1: local async function declares a local named async")
has("the next line is an input of its own", out, "\nfunction\n")

-- Python's operators and blocks: the ones that end in ':' are reported at
-- once, not left waiting at the continuation prompt.
out, err = cli.run('"$L" -i', table.concat({
  "x = 1", "x += 1", "if x != 2 then end", "# a comment", "if x == 1:", "while x < 3:",
  "for i in range(3):", "for i in range(n):", "for v in items:", "try:", "print('after')", "",
}, "\n"))
has("x += 1", err, "stdin#2:1: syntax error near '+'\nhint: Lua has no +=: write x = x + 1\n")
has("!=", err, "stdin#3:1: 'then' expected near '!'\nhint: Lua's not-equal is ~=\n")
has("# comment", err, "hint: a comment in Lua starts with --\n")
has("if x == 1:", err, "stdin#5:1: 'then' expected near ':'\nhint: Lua's if: if x == 1 then ... end\n")
has("while x < 3:", err, "hint: Lua's while: while x < 3 do ... end\n")
has("for i in range(3):", err, "stdin#7:1: <name> expected near <eof>\n" ..
  "hint: Lua's for counts both ends: for i = 0, 2 do ... end\n")
has("for i in range(n):", err, "hint: Lua's for counts both ends: for i = 0, n - 1 do ... end\n")
has("for v in items:", err, "hint: Lua's for over a list: for _, v in ipairs(items) do ... end\n")
has("try:", err, "hint: Lua catches errors with pcall: local ok, err = pcall(function() ... end)\n")
has("the input after them runs", out, "\nafter\n")
if out:find(">> ", 1, true) then cli.fail("a Python block line waited on the continuation prompt", out) end

-- In a script, the error of a Python block shows further down than its
-- ':' (Lua reads a method call into the next lines): the hint names it.
local block_script = cli.tmpfile("local items = {1, 2}\nfor v in items:\n  print(v)\n")
out, err, code = cli.run('"$L" ' .. cli.quote(block_script))
eq("script with a Python for: exit status", code, 1)
has("script with a Python for: the hint from the line before", err,
  ":4: 'do' expected near <eof>\nhint: line 2: Lua's for over a list: for _, v in ipairs(items) do ... end\n")

-- raise, as Python's statement
out, err = cli.run('"$L" -i', 'raise SystemExit(3)\nraise e\n')
has("raise SystemExit(3)", err, "hint: Lua raises with a function: error(asyncio.SystemExit(3))\n")
has("raise e", err, "hint: Lua raises with a function: error(e)\n")
-- Python's bare raise: typed alone (a nil name, not "did you mean rawset?"),
-- before the end of its block, and on a line of its own in a script, where
-- Lua reports the syntax error at the next line's `end`.
local bare = "hint: Lua raises with a function: error(err, 0) raises again what a pcall caught, " ..
  "as Python's bare raise does\n"
out, err = cli.run('"$L" -i', 'raise\nlocal ok, e = pcall(error, "x"); if not ok then raise end\n')
has("raise alone", out, "> raise\nnil\n" .. bare)
has("raise before end", err, "stdin#2:1: syntax error near 'end'\n" .. bare)
if (out .. err):find("rawset", 1, true) or err:find("error(end)", 1, true) then
  cli.fail("raise: a wrong hint", cli.show(out .. err))
end
-- Python's for half translated: a table after `in` is no iterator.
out, err = cli.run('"$L" -i', 't = {1, 2}\nfor x in t do print(x) end\nfor i, v in t do print(v) end\n')
has("for x in t do", err, "stdin#2:1: attempt to call a table value (for iterator 'for iterator')\n")
has("for x in t do: its hint", err, "hint: Lua's for over a list: for _, x in ipairs(t) do ... end " ..
  "(pairs(t) gives any table's keys and values)\n")
has("for i, v in t do: its hint", err, "hint: Lua's for over a table: for i, v in ipairs(t) do ... end " ..
  "(a list, in order), or pairs(t) (any table's keys and values)\n")
local for_script = cli.tmpfile('local items = {1, 2}\nfor item in items do\n  print(item)\nend\n')
out, err, code = cli.run('"$L" ' .. cli.quote(for_script))
eq("for x in t do in a script: status", code, 1)
has("for x in t do in a script", err, "hint: Lua's for over a list: for _, item in ipairs(items) do ... end")
os.remove(for_script)
local bare_script = cli.tmpfile('local ok, e = pcall(error, "x")\nif not ok then\n  raise\nend\n')
out, err, code = cli.run('"$L" ' .. cli.quote(bare_script))
eq("raise in a script: status", code, 1)
has("raise in a script", err, ":4: syntax error near 'end'\n" .. bare)
os.remove(bare_script)

-- Python's built-in exceptions and names imported from asyncio: the
-- asyncio table has them. A nil global it lacks gets no hint.
out, err = cli.run('"$L" -i', 'error(ValueError("x"))\nawait(sleep(0))\nq = Queue()\nprint(undefined_thing())\n')
has("ValueError", err, "stdin#1:1: attempt to call a nil value (global 'ValueError')\n")
has("ValueError: the hint", err, "stdin#1:1: in main chunk\n" ..
  "hint: ValueError is asyncio.ValueError: error(asyncio.ValueError(\"...\")) raises it\n")
has("sleep", err, "stdin#2:1: in main chunk\nhint: sleep is asyncio.sleep\n")
has("Queue", err, "stdin#3:1: in main chunk\nhint: Queue is asyncio.Queue\n")
has("a global asyncio lacks", err, "attempt to call a nil value (global 'undefined_thing')")
if err:match("undefined_thing'%).*hint") then cli.fail("a name asyncio lacks got a hint", err) end
local from_import = cli.tmpfile("local t = create_task(asyncio.sleep(0))\n")
out, err, code = cli.run('"$L" ' .. cli.quote(from_import))
eq("script calling create_task: exit status", code, 1)
has("script calling create_task: the hint", err, "hint: create_task is asyncio.create_task\n")

-- elif, **, keyword arguments, f-strings, str() and int(), list.append.
out, err = cli.run('"$L" -i', table.concat({
  'x = 1', 'if x == 1 then print("a") elif x == 2 then print("b") end', 'print(2 ** 3)',
  'print("a", end="")', 'asyncio.wait(ts, return_when=1)', 'q = asyncio.Queue(maxsize=3)', 'f(n=1)',
  'print(f"x={x} and {x + 1}!")', 'print(str(5))', 'print(int("5"))', 't = {}', 't.append(x * 2)',
  'print("after", #t)', '',
}, "\n"))
has("elif", err, "stdin#2:1: syntax error near 'x'\nhint: Lua's else-if is one word: elseif\n")
has("**", err, "stdin#3:1: unexpected symbol near '*'\nhint: Lua's power operator is ^: 2 ^ 3\n")
has("print's end=", err, "stdin#4:1: unexpected symbol near 'end'\n" ..
  "hint: Lua's print has no end=: io.write(\"a\") writes without spaces or a newline\n")
has("a keyword argument after others", err, "stdin#5:1: ')' expected near '='\nhint: Lua has no keyword " ..
  "arguments; luasync's functions take options in a table: asyncio.wait(ts, { return_when = ... })\n")
has("a keyword argument first, asyncio's", err, "stdin#6:1: ')' expected near '='\n" ..
  "hint: Lua has no keyword arguments: help(asyncio.Queue) shows how to pass maxsize\n")
has("a keyword argument first, another function", err, "hint: Lua has no keyword arguments: pass n by position\n")
has("f-string", err, "stdin#8:1: attempt to call a nil value (global 'f')")
has("f-string: the hint", err, "hint: Lua has no f-strings: (\"x=%s and %s!\"):format(x, x + 1)\n")
has("str()", err, "hint: Lua's str() is tostring(x)\n")
has("int()", err, "hint: Lua's int() is tonumber(s) (math.tointeger(x) for a float)\n")
has("append", err, "stdin#12:1: attempt to call a nil value (field 'append')")
has("append: the hint", err, "hint: Lua's tables have no append: t[#t + 1] = x * 2, or table.insert(t, x * 2)\n")
has("the input after them runs", out, "\nafter\t0\n")

-- Bytes and raw string literals, a regular expression's classes.
out, err = cli.run('"$L" -i', table.concat({
  'print(b"abc")', 'print(r"\\d+")', 'print(("a1"):match("\\d"))', 'print("C:\\path")', "print(r'ab')",
  'print("done")', '',
}, "\n"))
has("b\"...\"", err, "stdin#1:1: attempt to call a nil value (global 'b')")
has("b\"...\": the hint", err, "hint: Lua has no bytes literals: a Lua string holds bytes, write \"abc\"\n")
has("r\"...\"", err, "stdin#2:1: invalid escape sequence near '\"\\d'\n" ..
  "hint: Lua has no raw strings r\"...\": a long string [[...]] keeps its backslashes, write [[\\d+]]\n")
has("\\d in a pattern", err, "stdin#3:1: invalid escape sequence near '\"\\d'\n" ..
  "hint: Lua's patterns write character classes with %, not \\: %d (string.find, match, gsub); " ..
  "a backslash in a string is written \\\\\n")
has("another backslash", err, "stdin#4:1: invalid escape sequence near '\"C:\\p'\n" ..
  "hint: a backslash in a Lua string is written \\\\, or use a long string [[...]]\n")
has("r'...' without a backslash", err, "stdin#5:1: attempt to call a nil value (global 'r')")
has("r'...': the hint", err,
  "hint: Lua has no raw strings r\"...\": a long string [[...]] keeps its backslashes, write [[ab]]\n")
has("the input after them runs", out, "\ndone\n")

-- A Python name typed alone, nil in Lua: its value, then what it is here.
out, err = cli.run('"$L" -i', table.concat({ 'quit', 'clear', 'True', 'sleep', 'undefined_x', '' }, "\n"))
has("quit alone", out, "> quit\nnil\nhint: Lua has no quit(): os.exit(status) ends a script; at the prompt, " ..
  "exit() or Ctrl-D\n")
has("clear alone", out, "> clear\nnil\nhint: Ctrl-L clears the screen\n")
-- (True, False and None: their read raises, below.)
has("True alone", out, "> True\n> sleep")
has("True alone: the error", err,
  "stdin#3:1: True is not defined in Lua (hint: Lua's booleans are true and false)\n")
has("sleep alone", out, "> sleep\nnil\nhint: sleep is asyncio.sleep\n")
has("a name that is nor Python's nor asyncio's", out, "> undefined_x\nnil\n> ")

-- await of a function instead of what calling it gives (an error object:
-- the line comes from its traceback), at the REPL and in a script.
out, err = cli.run('"$L" -i', table.concat({ 'f = async(function() return 1 end)', 'await(f)',
  'await(asyncio.sleep)', '' }, "\n"))
has("await(f)", err, "TypeError: object function can't be used in 'await' expression")
has("await(f): the hint", err, "hint: f is a function: await what calling it gives, await(f(...))\n")
has("await(asyncio.sleep): the hint", err,
  "hint: asyncio.sleep is a function: await what calling it gives, await(asyncio.sleep(...))\n")
local awaits_fn = cli.tmpfile("local work = async(function() return 1 end)\nawait(work)\n")
out, err, code = cli.run('"$L" ' .. cli.quote(awaits_fn))
eq("script awaiting a function: exit status", code, 1)
has("script awaiting a function: the hint", err, "hint: work is a function: await what calling it gives, await(work(...))\n")

-- A plain function where a coroutine object was expected (Python's
-- `def main()` run as asyncio.run(main())): it ran at once and gave nil.
local plain = cli.tmpfile("local function main() print('ran') end\nasyncio.run(main())\n")
out, err, code = cli.run('"$L" ' .. cli.quote(plain))
eq("script running a plain function: exit status", code, 1)
eq("script running a plain function: it ran", out, "ran\n")
has("script running a plain function: the error", err, "luasync: ValueError: a coroutine was expected, got nil\n")
has("script running a plain function: the hint", err, "hint: main is a plain function: main() ran at once and " ..
  "gave no coroutine object; an async function is local main = async(function() ... end)\n")
-- What it gave may have a class: the error names it (object Lock, Lua's
-- FILE*), and the hint still comes.
local gives_lock = cli.tmpfile("local function mk() return asyncio.Lock() end\nawait(mk())\n")
out, err = cli.run('"$L" ' .. cli.quote(gives_lock))
has("await(plain()) of a Lock", err, "luasync: TypeError: object Lock can't be used in 'await' expression\n")
has("await(plain()) of a Lock: the hint", err, "hint: mk is a plain function: mk() ran at once")
local gives_file = cli.tmpfile("await(io.open(arg[0]))\n")
out, err = cli.run('"$L" ' .. cli.quote(gives_file))
has("await(io.open(...))", err, "luasync: TypeError: object FILE* can't be used in 'await' expression\n")
has("await(io.open(...)): the hint", err, "hint: io.open(...) is not an async function: it ran when called")
out, err = cli.run('"$L" -i', table.concat({ 'function fetch(x) return x end', 'await(fetch(1))',
  'asyncio.create_task(fetch(2))', 'await(asyncio.gather(fetch(3), fetch(4)))', 'q = asyncio.Queue()',
  'await(q:put_nowait(5))', 't = {}', 'await(asyncio.wait_for(t[1], 1))', '' }, "\n"))
has("await(plain())", err, "TypeError: object number can't be used in 'await' expression\n")
has("await(plain()): the hint", err, "\tstdin#2:1: in main chunk\nhint: fetch is a plain function: fetch() ran " ..
  "at once and gave no coroutine object; an async function is local fetch = async(function() ... end)\n")
has("create_task(plain())", err, "\tstdin#3:1: in main chunk\nhint: fetch is a plain function")
has("gather(plain()): a guess", err, "\tstdin#4:1: in main chunk\n" ..
  "hint: if fetch is a plain function, fetch() ran at once and gave no coroutine object;")
has("await(q:put_nowait(5))", err, "\tstdin#6:1: in main chunk\n" ..
  "hint: q:put_nowait(...) is not an async function: it ran when called and gave nothing to await; call it on " ..
  "its own\n")
plain = cli.tmpfile("local function main() end\nlocal x = tostring(await(main()))\n")
local _, plain_err = cli.run('"$L" ' .. cli.quote(plain))
has("the call given to await is named, not the one around it", plain_err, "hint: main is a plain function")
has("no call on the line", err, "(awaitable expected, got nil)\nstack traceback:")
cli.check("no call on the line: no hint", not err:find("stdin#8:1: in main chunk\nhint", 1, true), err)

-- Python's await as a keyword where Lua compiles it: `x = await f()` is the
-- value await, then f() as a statement of its own, so nothing would be
-- awaited: refused at the prompt and in a script, with the hint; a bare
-- `await t` is a syntax error with the same hint.
out, err = cli.run('"$L" -i', table.concat({ 'f = async(function() return 42 end)',
  'results = await asyncio.gather(f(), f())', 'print(results)', 't = asyncio.create_task(f())', 'await t',
  'print(await t)', 'x = await t', 'print(await(t))', '' }, "\n"))
has("x = await f(): refused", err, "stdin#2:1: Lua reads 'await asyncio.gather(f(), f())' as the value await, then " ..
  "asyncio.gather(f(), f()) as a statement of its own: nothing would be awaited (not run)\nhint: await is a " ..
  "function in Lua: write await(asyncio.gather(f(), f()))\n")
has("x = await f(): not run", out, "> print(results)\nnil\n")
has("await t", err, "stdin#5:1: syntax error near 't'\nhint: await is a function in Lua: write await(t)\n")
has("print(await t)", err, "stdin#6:1: ')' expected near 't'\nhint: await is a function in Lua: write await(t)\n")
has("x = await t", err, "stdin#7:1: syntax error near <eof>\nhint: await is a function in Lua: write await(t)\n")
has("await(t) after them", out, "> print(await(t))\n42\n")
local keyword = cli.tmpfile("local f = async(function() return 42 end)\nlocal r = await f() -- as in Python\nprint(r)\n")
out, err, code = cli.run('"$L" ' .. cli.quote(keyword))
eq("script with x = await f(): status", code, 1)
eq("script with x = await f(): nothing ran", out, "")
eq("script with x = await f(): stderr", err, "luasync: " .. keyword .. ":2: Lua reads 'await f()' as the value " ..
  "await, then f() as a statement of its own: nothing would be awaited (not run)\nhint: await is a function in " ..
  "Lua: write await(f())\n")
out, err, code = cli.run([["$L" -e 'local field = {await = 1}; print(field.await)']])
eq("a field named await is no keyword", out, "1\n")

-- A quoted string left open is reported at once (a line cannot continue
-- it), not after swallowing the next line; a backslash continues it, as Lua
-- reads it. error(42) shows 42, as lua.c.
out, err = cli.run('"$L" -i', table.concat({ 'print("abc', 'print(1)', 'print("a\\', 'b")', 'error(42)', '' }, "\n"))
has("an unfinished string", err, "stdin#1:1: unfinished string near <eof>\n")
has("the next line runs", out, "> print(1)\n1\n")
has("a backslash continues the string", out, "\na\nb\n")
has("error(42)", err, "\n42\nstack traceback:")

-- More of the course's habits: a comment after code, lists and dicts,
-- lambda, keyword arguments around nested calls (return_exceptions=) and
-- of a positional parameter (timeout=), pass, range, + on strings, the
-- concurrent.futures pool in a with.
out, err = cli.run('"$L" -i', table.concat({ 'x = 1  # a comment', 'l = [1, 2, 3]', 'd = {"a": 1}',
  'f = lambda x: x * 2', 'await(asyncio.wait_for(asyncio.sleep(3), timeout=1))',
  'r = await(asyncio.gather(asyncio.sleep(0), asyncio.sleep(0), return_exceptions=true))', 'pass', 'range(3)',
  's = "x" + "y"', 'with concurrent.futures.ThreadPoolExecutor() as pool:', '' }, "\n"))
has("a comment after code", err, "stdin#1:1: unexpected symbol near '#'\nhint: a comment in Lua starts with --: " ..
  "x = 1 -- a comment\n")
has("a list", err, "stdin#2:1: unexpected symbol near '['\nhint: a list in Lua is a table: {1, 2, 3}, its first item t[1]\n")
has("a dict", err, "hint: a table's keys in Lua: {a = 1} or {[\"a\"] = 1}\n")
has("lambda", err, "hint: Lua's lambda is an anonymous function: function(x) return x * 2 end\n")
has("timeout=", err, "hint: Lua has no keyword arguments: pass timeout by position, " ..
  "asyncio.wait_for(asyncio.sleep(3), 1)\n")
has("return_exceptions= after nested calls", err, "hint: Lua has no keyword arguments; luasync's functions take " ..
  "options in a table: asyncio.gather(asyncio.sleep(0), asyncio.sleep(0), { return_exceptions = ... })\n")
has("pass", out, "> pass\nnil\nhint: Lua has no pass: a block may be empty (do end, if c then end)\n")
has("range", err, "hint: Lua's for counts: for i = 0, n - 1 do ... end (both ends included)\n")
has("+ on strings", err, "hint: Lua joins strings with .., not +: \"a\" .. \"b\"\n")
has("concurrent.futures' pool", err, "local pool <close> = asyncio.ThreadPoolExecutor() (left at the end")

-- async with, with, async for. At the prompt a <close> local ends with its
-- input: the hint says to type the block as one.
local AT_PROMPT = "; at the prompt a <close> local ends with its input: type the block as one input, do ... end)\n"
out, err = cli.run('"$L" -i', table.concat({
  'async with asyncio.timeout(1):', 'async with asyncio.TaskGroup() as tg:', 'with open("x") as f:',
  'async with lock:', 'async for line in reader:', 'print("end")', '',
}, "\n"))
has("async with", err, "stdin#1:1: syntax error near 'with'\nhint: Lua's async with is a to-be-closed variable: " ..
  "local _ <close> = asyncio.timeout(1) (left at the end of its block" .. AT_PROMPT)
has("async with ... as", err, "hint: Lua's async with is a to-be-closed variable: " ..
  "local tg <close> = asyncio.TaskGroup() (left at the end of its block" .. AT_PROMPT)
has("with open", err, "stdin#3:1: syntax error near 'open'\nhint: Lua's with is a to-be-closed variable: " ..
  "local f <close> = await(asyncio.open(\"x\")) (left at the end of its block" .. AT_PROMPT)
has("async with a lock", err, "hint: Lua's async with is a to-be-closed variable: " ..
  "local _ <close> = await(lock:acquire()) (left at the end of its block" .. AT_PROMPT)
has("async for", err, "stdin#5:1: syntax error near 'for'\nhint: Lua's async for is a plain for: " ..
  "for line in reader do ... end (a stream's lines: for line in reader:lines() do)\n")
has("the input after them runs", out, "\nend\n")

-- A script's later call of async() that such a local hides names the cause.
local hiding = cli.tmpfile("local async function f() return 1 end\nlocal g = async(function() end)\n")
out, err, code = cli.run('"$L" ' .. cli.quote(hiding))
eq("local async: the script fails", code, 1)
has("local async in a script", err, "attempt to call a nil value (local 'async')\n")
has("local async in a script: the hint", err, "hint: a local named async hides async(): `local async function " ..
  "f()` declares one (and a plain global f); an async function is local f = async(function() ... end)\n")

-- A script: the hint comes under the error, from the script's own line.
local script = cli.tmpfile("local q = asyncio.Queue()\nq.put(1)\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: exit status", code, 1)
has("script: q.put(1)", err, "hint: methods are called with ':' in Lua: q:put(1)\n")
script = cli.tmpfile("print('start')\nawait asyncio.sleep(1)\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script with a syntax error: exit status", code, 1)
eq("script with a syntax error: stderr", err, "luasync: " .. script .. ":2: syntax error near 'asyncio'\n" ..
  "hint: await is a function in Lua: write await(asyncio.sleep(1))\n")
-- A Python file run by luasync: whatever error Lua finds in it, the hint
-- says what the file is.
for _, text in ipairs({ "import asyncio\n\nasync def main():\n    pass\n", 'print(f"{1 + 1}")\n' }) do
  local py = cli.tmpfile()
  os.remove(py)
  py = py .. ".py"
  local f = assert(io.open(py, "wb"))
  f:write(text)
  f:close()
  out, err, code = cli.run('"$L" ' .. cli.quote(py))
  os.remove(py)
  eq("a Python file: status", code, 1)
  has("a Python file: the hint", err, "\nhint: " .. py .. " is a Python file, and luasync runs Lua: run it with " ..
    "python3, or write it in Lua (docs/api.md sets Python's asyncio beside luasync's)\n")
end

-- -e code: the hints that read the line read it from the -e text, for a
-- syntax error and for an error it raises (of the -e that ran).
out, err, code = cli.run([["$L" -e 'x = 2 ** 3']])
eq("-e with a syntax error: stderr", err, "luasync: (command line):1: unexpected symbol near '*'\n" ..
  "hint: Lua's power operator is ^: 2 ^ 3\n")
out, err, code = cli.run([["$L" -e 'q = asyncio.Queue()' -e 'print(1)' -e 'q.put(1)']])
eq("-e raising: status", code, 1)
has("-e raising: the hint", err, "hint: methods are called with ':' in Lua: q:put(1)\n")
-- True, False and None read as nil in Lua without an error (`while True do`
-- would never run, `return_exceptions = True` would mean false): a read of
-- one the program did not assign raises, as Python's NameError, saying what
-- Lua writes; in a script, in -e code and at the prompt.
local py_names = cli.tmpfile(table.concat({
  "local ok, e = pcall(function() return { return_exceptions = True } end)",
  "print(ok, e)",
  "local n = 0",
  "while True do n = n + 1 end",
}, "\n") .. "\n")
out, err, code = cli.run('"$L" ' .. cli.quote(py_names))
eq("True read in a script: status", code, 1)
eq("True read in a script: the error pcall caught", out,
  "false\t" .. py_names .. ":1: True is not defined in Lua (hint: Lua's booleans are true and false)\n")
has("True read in a script: the error", err,
  "luasync: " .. py_names .. ":4: True is not defined in Lua (hint: Lua's booleans are true and false)\n")
os.remove(py_names)
out, err, code = cli.run([["$L" -e 'print(1)' -e 'print(x == None)']])
eq("None read in -e code: status", code, 1)
eq("None read in -e code: what ran before", out, "1\n")
has("None read in -e code: the error", err,
  "luasync: (command line):1: None is not defined in Lua (hint: Lua's None is nil)\n")
out, err = cli.run('"$L" -i', table.concat({ 'False', 'ok = await(asyncio.gather(asyncio.sleep(0), ' ..
  '{ return_exceptions = True }))', 'print(ok)', '' }, "\n"))
has("False at the prompt", err, "stdin#1:1: False is not defined in Lua (hint: Lua's booleans are true and false)\n")
has("True in an argument at the prompt", err,
  "stdin#2:1: True is not defined in Lua (hint: Lua's booleans are true and false)\n")
has("the input after them runs", out, "> print(ok)\nnil\n")
-- A program that assigns the names itself keeps them: as globals (to nil
-- too, which _G holds no key for), as locals, at the prompt too.
local own_names = cli.tmpfile(table.concat({
  "None = nil",
  "True = 1",
  "local False = 0",
  "print(None, True, False)",
  "True = nil",
  "print(True, rawget(_G, 'True'))",
}, "\n") .. "\n")
out, err, code = cli.run('"$L" ' .. cli.quote(own_names))
eq("the names a script assigns: status", code, 0)
eq("the names a script assigns: stdout", out, "nil\t1\t0\nnil\tnil\n")
eq("the names a script assigns: stderr", err, "")
os.remove(own_names)
out, err = cli.run('"$L" -i', table.concat({ 'None = nil', 'None', 'local True = 1', 'True', 'local False',
  'False', '' }, "\n"))
has("names assigned at the prompt", out, "> None\nnil\n> local True = 1\n> True\n1\n> local False\n> False\nnil\n")
eq("names assigned at the prompt: stderr", err, "")
-- Other undefined globals read as nil, as in Lua.
out, err, code = cli.run([["$L" -e 'print(undefined_x, NONE, true_)']])
eq("other undefined globals: stdout", out, "nil\tnil\tnil\n")
eq("other undefined globals: status", code, 0)
out, err, code = cli.run([["$L" -e 'setmetatable(_G, {__index = function(_, k) return k .. "?" end})' -e 'print(True, other)']])
eq("a program's _G metatable: stdout", out, "True?\tother?\n")
eq("a program's _G metatable: no warning", err, "")
cli.finish()
