-- What a student from Python's REPL types first: clear() and dir(x) are
-- not the REPL's (DESIGN's REPL has help(), tasks() and timeline()), and get
-- a hint as `clear` alone does, never a bare "attempt to call a nil value";
-- help(asyncio.Queue.shutdown), Python's spelling, documents the method
-- although asyncio.Queue is a function here, which Lua cannot index; any
-- other use of asyncio.Queue.<method> says how to call the method.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

-- err has the error `first` of input n, then its traceback, then `hint`
-- right after the traceback's last line.
local function has_hint(what, err, n, first, hint)
  local at = err:find("stdin#" .. n .. ":1: " .. first .. "\n", 1, true)
  cli.check(what .. ": the error", at, err)
  if at then has(what, err:sub(at), "\tstdin#" .. n .. ":1: in main chunk\n" .. hint .. "\n") end
end

local out, err, code = cli.run('"$L" -i', table.concat({
  'clear',
  'clear()',
  'dir(asyncio)',
  'dir()',
  'help(asyncio.Queue.shutdown)',
  'help( asyncio.Event.wait );',
  'help(asyncio.Queue.nothing)',
  'q = asyncio.Queue()',
  'asyncio.Queue.put_nowait(q, 1)',
  '',
}, "\n"))
eq("REPL: exit status", code, 0)
has("clear alone", out, "> clear\nnil\nhint: Ctrl-L clears the screen\n")
has_hint("clear()", err, 2, "attempt to call a nil value (global 'clear')", "hint: Ctrl-L clears the screen")
has_hint("dir(asyncio)", err, 3, "attempt to call a nil value (global 'dir')",
  "hint: Lua has no dir(): for k in pairs(asyncio) do print(k) end lists a table's own fields; help(asyncio) " ..
  "documents an asyncio object and its methods, and Tab after asyncio. or asyncio: completes them")
has_hint("dir()", err, 4, "attempt to call a nil value (global 'dir')",
  "hint: Lua has no dir(): for k in pairs(_G) do print(k) end lists the globals; Tab completes a name as you " ..
  "type it (asyncio.<Tab>)")
has("help(asyncio.Queue.shutdown) is help(\"Queue.shutdown\")", out,
  "> help(asyncio.Queue.shutdown)\nq:shutdown([immediate | {immediate = bool}]) -> nothing\n")
has("help( asyncio.Event.wait );", out, "> help( asyncio.Event.wait );\nev:wait() -> coroutine object giving true\n")
cli.check("documented, not failed", not err:find("stdin#5:", 1, true) and not err:find("stdin#6:", 1, true), err)
has_hint("help of a method no class has", err, 7, "attempt to index a function value (field 'Queue')",
  "hint: asyncio.Queue is a function that makes a Queue (it has no fields): call nothing on one it made, " ..
  "local q = asyncio.Queue(); q:nothing(...); help(asyncio.Queue) documents the class")
has_hint("asyncio.Queue.put_nowait(q, 1)", err, 9, "attempt to index a function value (field 'Queue')",
  "hint: asyncio.Queue is a function that makes a Queue (it has no fields): call put_nowait on one it made, " ..
  "local q = asyncio.Queue(); q:put_nowait(...); help(asyncio.Queue) documents the class")

-- The object is named as help's signatures name it.
out, err = cli.run('"$L" -i', 'asyncio.TaskGroup.create_task(nil, print)\n')
has("a TaskGroup is tg", err, "local tg = asyncio.TaskGroup(); tg:create_task(...)")

-- A student's own help is called as it is: its error is not replaced.
out, err = cli.run('"$L" -i', 'help = function(x) return x end\nhelp(asyncio.Queue.shutdown)\n')
has("a replaced help: Lua's error", err, "stdin#2:1: attempt to index a function value (field 'Queue')\n")

-- A script: the same hints, without the REPL's (no Ctrl-L, help or Tab).
local script = cli.tmpfile('local q = asyncio.Queue()\nlocal ok, e = pcall(dir, q)\nasyncio.Queue.get(q)\n')
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: status", code, 1)
has("script: the class hint", err, "in main chunk\nhint: asyncio.Queue is a function that makes a Queue (it has " ..
  "no fields): call get on one it made, local q = asyncio.Queue(); q:get(...)\n")
script = cli.tmpfile('clear()\n')
out, err, code = cli.run('"$L" ' .. cli.quote(script))
cli.check("script: clear() gets no Ctrl-L hint", not err:find("Ctrl-L", 1, true), err)
script = cli.tmpfile('dir(asyncio)\n')
out, err, code = cli.run('"$L" ' .. cli.quote(script))
has("script: dir(x)", err, "hint: Lua has no dir(): for k in pairs(asyncio) do print(k) end lists a table's own " ..
  "fields\n")
cli.finish()
