-- Error classes written the Python way. `e is asyncio.TimeoutError` is
-- always false for an error (an instance; in Python too): the hint is the
-- class's test, asyncio.TimeoutError:is(e), while `x is None` stays x == nil.
-- isinstance(e, C) is C:is(e), isinstance(x, str) Lua's type(x) == "string".
-- class E(Exception): is asyncio.Exception:subclass("E") (a built-in parent
-- is asyncio's, a class of the program's its own name); a plain class, a
-- table used as metatable. The hinted code runs.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  'e = nil; x = "s"',
  'if e is asyncio.TimeoutError then end',
  'if e is not ValueError then end',
  'if e is MyError:',
  'if isinstance(e, asyncio.CancelledError):',
  'print(isinstance(e, asyncio.TimeoutError))',
  'print(isinstance(x, str))',
  'ok = isinstance(x, (int, float))',
  'print(isinstance(x, Foo))',
  'if x is None then end',
  'class TerminateException(Exception): pass',
  'class BadInput(ValueError):',
  'class Retry(TerminateException):',
  'class Foo:',
  '',
}, "\n"))
eq("REPL: exit status", code, 0)
has("e is asyncio.TimeoutError", err, "stdin#2:1: 'then' expected near 'is'\nhint: an error is an instance of its " ..
  "class, never the class itself: test it with asyncio.TimeoutError:is(e) (Python's isinstance)\n")
has("e is not ValueError", err, "stdin#3:1: 'then' expected near 'is'\nhint: an error is an instance of its " ..
  "class, never the class itself: test it with not asyncio.ValueError:is(e) (Python's isinstance)\n")
has("Python's if with is MyError", err, "stdin#4:1: 'then' expected near 'is'\n" ..
  "hint: Lua's if: if MyError:is(e) then ... end\n")
has("Python's if with isinstance", err, "stdin#5:1: <name> expected near <eof>\n" ..
  "hint: Lua's if: if asyncio.CancelledError:is(e) then ... end\n")
has("isinstance of an error class", err, "hint: Lua has no isinstance: asyncio.TimeoutError:is(e)\n")
has("isinstance of str", err, "hint: Lua has no isinstance: type(x) == \"string\"\n")
has("isinstance of (int, float)", err, "stdin#8:1: ')' expected near ','\n" ..
  "hint: Lua has no isinstance: type(x) == \"number\"\n")
has("isinstance of another class", err, "hint: Lua has no isinstance: type(x) names a value's type (\"string\", " ..
  "\"number\", \"table\"...); an error class tests with Class:is(x)\n")
has("x is None is still ==", err, "stdin#10:1: 'then' expected near 'is'\nhint: Lua compares with == and ~= " ..
  "(Python's is and is not): x == nil\n")
has("class E(Exception)", err, "stdin#11:1: syntax error near 'TerminateException'\nhint: an error class in " ..
  "luasync: local TerminateException = asyncio.Exception:subclass(\"TerminateException\")\n")
has("class E(ValueError)", err, "hint: an error class in luasync: local BadInput = " ..
  "asyncio.ValueError:subclass(\"BadInput\")\n")
has("class E(a class of the program's)", err, "hint: an error class in luasync: local Retry = " ..
  "TerminateException:subclass(\"Retry\")\n")
has("a plain class", err, "stdin#14:1: syntax error near 'Foo'\nhint: Lua has no class statement: a class is a " ..
  "table its objects have as metatable: local Foo = {}; Foo.__index = Foo; function Foo.new() return " ..
  "setmetatable({}, Foo) end\n")

-- A script's errors get the same hints; the hinted code runs there.
local script = cli.tmpfile('class TerminateException(Exception):\n    pass\n')
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: class", err, "luasync: " .. script .. ":1: syntax error near 'TerminateException'\n" ..
  "hint: an error class in luasync: local TerminateException = asyncio.Exception:subclass(\"TerminateException\")\n")
script = cli.tmpfile('local ok, e = pcall(asyncio.wait_for, asyncio.sleep(1), 0)\n' ..
  'print(isinstance(e, asyncio.TimeoutError))\n')
out, err, code = cli.run('"$L" ' .. cli.quote(script))
has("script: isinstance", err, ":2: attempt to call a nil value (global 'isinstance')\n")
has("script: isinstance hint", err, "\nhint: Lua has no isinstance: asyncio.TimeoutError:is(e)\n")

script = cli.tmpfile(table.concat({
  'local TerminateException = asyncio.Exception:subclass("TerminateException")',
  'local Retry = TerminateException:subclass("Retry")',
  'local BadInput = asyncio.ValueError:subclass("BadInput")',
  'asyncio.run(async(function()',
  '  local ok, e = pcall(function() await(asyncio.wait_for(asyncio.sleep(1), 0.01)) end)',
  '  print(e == asyncio.TimeoutError, asyncio.TimeoutError:is(e), not asyncio.ValueError:is(e))',
  '  ok, e = pcall(error, Retry("stop"))',
  '  print(TerminateException:is(e), asyncio.Exception:is(e), asyncio.ValueError:is(BadInput("x")))',
  'end)())',
  'local x, n = "s", 1.5',
  'print(type(x) == "string", type(n) == "number")',
  'local Foo = {}; Foo.__index = Foo; function Foo.new() return setmetatable({}, Foo) end',
  'print(getmetatable(Foo.new()) == Foo)',
}, "\n"))
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("the hinted code runs: status", code, 0)
eq("the hinted code runs: what Python's would give", out, "false\ttrue\ttrue\ntrue\ttrue\ttrue\ntrue\ttrue\ntrue\n")
cli.finish()
