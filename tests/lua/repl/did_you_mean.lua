-- A misspelt name gets "did you mean", as CPython 3.13 adds to a NameError or
-- an AttributeError: at the REPL (through a pipe) and under a script's error.
-- A global (print, a student's own, a module) or a local of the REPL; a
-- field of a module reached from a name (string.format; asyncio.current_task
-- and asyncio.fs.exists in the AttributeError asyncio's raise); a method of a global or a REPL local,
-- found in its class; a method of a script's local, among asyncio's methods
-- and the string methods; one of asyncio's names used as a global (a typo in
-- `sleep(1)`). No hint when nothing is close, for a field of a script's
-- local, for a private name asked without '_', for a REPL local that is
-- nil, for a method of a value whose names are all known (a plain table,
-- a string: not Event's set), or from a table constructor's keys or a
-- shebang line. A chunk named after a directory gets its error and hint,
-- nothing worse.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  "pirnt(1)",
  "asyncoi.sleep(1)",
  "mything = 1",
  "print(myting + 1)",
  "asyncio.curent_task()",
  "asyncio.create_Task(nil)",
  "print(asyncio.subproces.PIPE)",
  "asyncio.fs.exsts('x')",
  "string.fromat('%d', 1)",
  "q = asyncio.Queue()",
  "q:put_nowiat(1)",
  "q.get_nowiat()",
  "s = 'abc'",
  "s:uper()",
  "slep(1)",
  "asyncio.frobnicate()",
  "q:frobnicate()",
  "local t = asyncio.spawn(function() end); t:cancle()",
  "x = {}",
  "x.y.z = 1",
  "local counter = 1",
  "print(countr + 1)",
  "local lq = asyncio.Queue()",
  "lq:get_nowiat()",
  "countr",
  "asyncio.get_running_loop():call_son(print)",
  "f",
  "loop = asyncio.get_running_loop()",
  "loop:call_latr(1, print)",
  "local value = 1",
  "print(vaule + 1)",
  "local result1 = 5",
  "local result2 = nil",
  "result2",
  "cfg = {port = 1}",
  "cfg:sett(1)",
  "cfg.abrt()",
  "local word = 'x'",
  "word:sett()",
  "",
}, "\n"))
eq("REPL: exit status", code, 0)
-- The error's report (its traceback, then the hint, if any) up to the next
-- input's error holds the hint, or no hint at all.
local function followed_by(what, error_line, hint)
  local at = err:find(error_line, 1, true)
  if not at then return cli.fail(what, "no such error in:\n" .. cli.show(err)) end
  local rest = err:sub(at)
  local block = rest:match("^(.-\n)stdin#") or rest
  if hint then
    has(what, block, "\n" .. hint .. "\n")
  elseif block:find("\nhint:", 1, true) then
    cli.fail(what .. ": a hint where none fits", cli.show(block))
  end
end
followed_by("a misspelt global", "stdin#1:1: attempt to call a nil value (global 'pirnt')", "hint: did you mean print?")
followed_by("a transposed module name: the one as long first", "attempt to index a nil value (global 'asyncoi')",
  "hint: did you mean asyncio?")
followed_by("the student's own global", "attempt to perform arithmetic on a nil value (global 'myting')",
  "hint: did you mean mything?")
-- A name asyncio's modules lack raises AttributeError, whose message has
-- CPython's "Did you mean" (no hint after it).
followed_by("a field of asyncio",
  "AttributeError: module 'asyncio' has no attribute 'curent_task'. Did you mean: 'current_task'?\n", nil)
followed_by("a case slip",
  "AttributeError: module 'asyncio' has no attribute 'create_Task'. Did you mean: 'create_task'?\n", nil)
followed_by("a table of asyncio",
  "AttributeError: module 'asyncio' has no attribute 'subproces'. Did you mean: 'subprocess'?\n", nil)
followed_by("two levels down", "AttributeError: module 'asyncio.fs' has no attribute 'exsts'. Did you mean: 'exists'?\n",
  nil)
followed_by("a standard library", "attempt to call a nil value (field 'fromat')", "hint: did you mean string.format?")
followed_by("a method of a global queue", "attempt to call a nil value (method 'put_nowiat')",
  "hint: did you mean q:put_nowait?")
followed_by("a method called with '.': the hint calls it with ':'", "attempt to call a nil value (field 'get_nowiat')",
  "hint: did you mean q:get_nowait?")
followed_by("a method of a global string", "attempt to call a nil value (method 'uper')", "hint: did you mean s:upper?")
followed_by("one of asyncio's names as a global", "attempt to call a nil value (global 'slep')",
  "hint: did you mean asyncio.sleep?")
followed_by("nothing close in asyncio", "AttributeError: module 'asyncio' has no attribute 'frobnicate'\n", nil)
followed_by("nothing close in the queue", "attempt to call a nil value (method 'frobnicate')", nil)
followed_by("a method of a local task", "attempt to call a nil value (method 'cancle')", "hint: did you mean t:cancel?")
followed_by("a field of an empty table", "attempt to index a nil value (field 'y')", nil)
followed_by("a local of the REPL", "attempt to perform arithmetic on a nil value (global 'countr')",
  "hint: did you mean counter?")
followed_by("a method of a REPL local, found in its class", "attempt to call a nil value (method 'get_nowiat')",
  "hint: did you mean lq:get_nowait?")
followed_by("a method of what an expression gave: asyncio's", "attempt to call a nil value (method 'call_son')",
  "hint: did you mean :call_soon?")
followed_by("a method of a global whose class answers through a function", "attempt to call a nil value (method 'call_latr')",
  "hint: did you mean loop:call_later?")
followed_by("a REPL local before a standard name", "attempt to perform arithmetic on a nil value (global 'vaule')",
  "hint: did you mean value?")
-- A value whose names are all known (a plain table, a string) is not
-- offered asyncio's methods: a table has no set, abort or any other.
followed_by("a plain table's method: not Event's set", "stdin#36:1: attempt to call a nil value (method 'sett')", nil)
followed_by("a plain table's field called: not Barrier's abort", "stdin#37:1: attempt to call a nil value (field 'abrt')",
  nil)
followed_by("a string's method: none of asyncio's", "stdin#39:1: attempt to call a nil value (method 'sett')", nil)
has("a REPL local nil on purpose: no hint", out, "> result2\nnil\n> ")
has("a short name alone: nil, no hint from asyncio's names (asyncio.fs)", out, "> f\nnil\n> ")
has("a misspelt name alone: nil, and the hint", out, "> countr\nnil\nhint: did you mean counter?\n")
if out:find(">> ", 1, true) then cli.fail("an input waited on the continuation prompt", out) end

-- A script: the hint under the error, from the script's own line, for a
-- local queue (the method is found among asyncio's) and a task's error
-- that reaches the main chunk.
local script = cli.tmpfile("local function worker(q)\n  q:put_nowiat(1)\nend\n" ..
  "await(asyncio.gather(asyncio.spawn(worker, asyncio.Queue())))\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: exit status", code, 1)
has("script: the error", err, "luasync: " .. script .. ":2: attempt to call a nil value (method 'put_nowiat')\n")
has("script: the hint, last", err, "\t" .. script .. ":4: in main chunk\nhint: did you mean q:put_nowait?\n")
script = cli.tmpfile("local t = {}\nt.inesrt = 1\ntable.insrt(t, 1)\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: table.insrt: exit status", code, 1)
has("script: table.insrt", err, "hint: did you mean table.insert?\n")
-- A misspelt local is a global to Lua: the script's own names are
-- candidates (a local of another function too), its fields are not.
script = cli.tmpfile("local function main()\n  local count = 0\n  for i = 1, 3 do\n    count = cuont + i\n" ..
  "  end\n  return count\nend\nawait(async(main)())\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: a misspelt local: exit status", code, 1)
has("script: a misspelt local", err, "attempt to perform arithmetic on a nil value (global 'cuont')\n")
has("script: a misspelt local: its hint", err, "in main chunk\nhint: did you mean count?\n")
script = cli.tmpfile("local t = {}\nt.total = 1\nprint(totl + 1)\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
has("script: a name used only as a field", err, "attempt to perform arithmetic on a nil value (global 'totl')\n")
if err:find("hint:", 1, true) then cli.fail("a field suggested for a variable", cli.show(err)) end
-- Not a shebang's words, nor a table constructor's keys.
script = cli.tmpfile("#!/usr/bin/env luasync\nlocal t = { total = 1, [\"x\"] = 2 }\nprint(totl + 1)\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
has("script: a key of a table constructor", err, "attempt to perform arithmetic on a nil value (global 'totl')\n")
if err:find("hint:", 1, true) then cli.fail("a table constructor's key suggested", cli.show(err)) end
script = cli.tmpfile("#!/usr/bin/env luasync\nprint(lusync + 1)\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
has("script: a shebang's word", err, "attempt to perform arithmetic on a nil value (global 'lusync')\n")
if err:find("luasync?", 1, true) then cli.fail("a shebang's word suggested", cli.show(err)) end
-- The script's own names come before the standard ones, as CPython's
-- locals before its builtins: value, not table.
script = cli.tmpfile("local value = 1\nprint(vaule + 1)\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
has("script: a local before a standard name", err, "hint: did you mean value?\n")
-- A field after a concatenation; a method of a script's local called with '.'.
script = cli.tmpfile("T = { value = 1 }\nprint(\"x\" .. T.vaule .. \"y\")\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
has("script: a field after ..", err, "attempt to concatenate a nil value (field 'vaule')\nstack traceback:")
has("script: a field after ..: its hint", err, "hint: did you mean T.value?\n")
script = cli.tmpfile("local q = asyncio.Queue()\nq.put_nowiat(1)\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
has("script: a local's method with '.'", err, "hint: did you mean q:put_nowait?\n")
-- A method of a script's local that its class has, when the local is gone
-- (its task ended) by the time the report is written: the class's names,
-- not asyncio's (an awaited task's t:reslt() got "did you mean t:reset?").
script = cli.tmpfile("local t = asyncio.create_task(asyncio.sleep(0.01, 5))\nawait(t)\nlocal x = t:reslt()\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
has("script: a method of a collected local's class", err, "hint: did you mean t:result?\n")
-- A chunk named after a directory: the error and its hint, nothing else.
script = cli.tmpfile("load('pritn(1)', '@/')()\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: a chunk named after a directory: exit status", code, 1)
has("script: a chunk named after a directory", err, "luasync: /:1: attempt to call a nil value (global 'pritn')\n")
has("script: a chunk named after a directory: its hint", err, "hint: did you mean print?\n")
if err:find("internal error", 1, true) then cli.fail("an internal error", cli.show(err)) end
-- An expression typed at the prompt: its error is on the input's line; a
-- file named as the input (stdin#2) in the directory is never read.
local dir = os.tmpname()
os.remove(dir)
os.execute("mkdir " .. cli.quote(dir))
local decoy = assert(io.open(dir .. "/stdin#2", "w"))
decoy:write("-- a decoy\nt.alpah.b\n")
decoy:close()
out, err = cli.run("cd " .. cli.quote(dir) .. ' && "$L" -i', "t = { alpha = {} }; u = {}; x = { alpha = { b = 1 } }\n" ..
  "u.alpah.b\nx.alpah.b\n")
os.remove(dir .. "/stdin#2")
os.remove(dir)
has("REPL: an expression's error", err, "stdin#2:1: attempt to index a nil value (field 'alpah')\n")
if err:find("t.alpha", 1, true) then cli.fail("a file named as the input was read", cli.show(err)) end
has("REPL: an expression's hint, from its line", err, "stdin#3:1: attempt to index a nil value (field 'alpah')\n" ..
  "stack traceback:\n  task 'stdin#3':\n\tstdin#3:1: in main chunk\nhint: did you mean x.alpha?\n")
-- A private name only for a wrong name that starts with '_'.
script = cli.tmpfile("local M = { _secret = 1, public = 2 }\n_G.M = M\nM.secret()\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: a private field: exit status", code, 1)
if err:find("hint:", 1, true) then cli.fail("a private name suggested for a public one", cli.show(err)) end
script = cli.tmpfile("M = { _secret = 1, public = 2 }\nM._secrte()\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
has("script: a private field asked as one", err, "hint: did you mean M._secret?\n")
cli.finish()
