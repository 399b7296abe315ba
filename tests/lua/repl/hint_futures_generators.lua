-- create_task of what already is a future (gather's, shield's, a task, a
-- Future) fails as in CPython (TypeError: a coroutine was expected, got
-- <_GatheringFuture pending>): the hint is that it runs already, to await,
-- not that work is a plain function. An async function that yields, used
-- as Python's async generator (for v in gen(), await(gen())), points to
-- asyncio.async_generator. print(f"x = {x}") with a global f (Lua calls f
-- with the string): the f-string hint under the never-awaited warning, or
-- under the error. The hinted code runs.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  'work = async(function(n) await(asyncio.sleep(0.01)) return n end)',
  'p = asyncio.create_task(asyncio.gather(work(30), work(40)))',
  'q = asyncio.create_task(asyncio.shield(work(1)))',
  't = asyncio.create_task(work(1))',
  't2 = asyncio.create_task(t)',
  'asyncio.create_task(asyncio.Future())',
  'gen = async(function() for i=0,2 do await(asyncio.sleep(0.01)) coroutine.yield(i) end end)',
  'for v in gen() do print(v) end',
  'await(gen())',
  'f = async(function(x) return x end)',
  'x = 3',
  'print(f"x = {x}")',
  'f = 5',
  'print(f"x = {x}")',
  -- the hinted forms
  'p = asyncio.gather(work(30), work(40))',
  'r = await(p); print(r[1], r[2])',
  'gen = asyncio.async_generator(function() for i=0,2 do await(asyncio.sleep(0.01)) coroutine.yield(i) end end)',
  'for v in gen() do print("got", v) end',
  'print(("x = %s"):format(x))',
  '',
}, "\n"))
eq("REPL: exit status", code, 0)
has("create_task(gather)", err, "TypeError: a coroutine was expected, got <_GatheringFuture pending>\n")
has("create_task(gather): hint", err, "stdin#2:1: in main chunk\nhint: asyncio.gather(work(30), work(40)) is a " ..
  "future that already runs, not a " ..
  "coroutine object: no create_task, p = asyncio.gather(work(30), work(40)), then await(p) when its result is " ..
  "needed\n")
has("create_task(shield): hint", err, "hint: asyncio.shield(work(1)) is a future that already runs, not a coroutine " ..
  "object: no create_task, q = asyncio.shield(work(1)), then await(q) when its result is needed\n")
has("create_task(a task): hint", err, "hint: t is a future that already runs, not a coroutine object: no " ..
  "create_task, t2 = t, then await(t2) when its result is needed\n")
has("create_task(Future()): hint", err, "hint: asyncio.Future() is a future that already runs, not a coroutine " ..
  "object: no create_task, await(asyncio.Future()) when its result is needed\n")
cli.check("no plain-function hint", not err:find("work is a plain function", 1, true), err)
local GEN = "hint: an async function's coroutine object is not an iterator; Python's async generator (async def " ..
  "with yield) is gen = asyncio.async_generator(function() ... end): for v in gen() do ... end\n"
has("for over an async function's call", err, "stdin#8:1: attempt to call a coroutine value (for iterator " ..
  "'for iterator')\n")
has("for over an async function's call: hint", err, "\tstdin#8:1: in main chunk\n" .. GEN)
has("await of an async function that yields", err, "RuntimeError: Task got bad yield: 0\n")
has("await of an async function that yields: hint", err, "\tstdin#9:1: in main chunk\n" .. GEN)
has("f-string with an async f: the warning and the hint", err, "stdin#12:1: RuntimeWarning: coroutine 'f' was " ..
  "never awaited\nhint: Lua has no f-strings: (\"x = %s\"):format(x)\n")
has("f-string with a number in f", err, "stdin#14:1: attempt to call a number value (global 'f')\n")
has("f-string with a number in f: hint", err, "\tstdin#14:1: in main chunk\nhint: Lua has no f-strings: " ..
  "(\"x = %s\"):format(x)\n")
has("the hinted forms run", out, "> r = await(p); print(r[1], r[2])\n30\t40\n")
has("the async generator runs", out, "got\t0\ngot\t1\ngot\t2\n")
has("the format runs", out, "x = 3\n")

-- No f-string hint for a coroutine f not made by an f-string.
out, err, code = cli.run('"$L" -i', 'f = async(function(x) return x end)\nc = f("{x}"); c = nil\ncollectgarbage()\n')
has("another coroutine of f: the warning", err, "RuntimeWarning: coroutine 'f' was never awaited")
cli.check("another coroutine of f: no hint", not err:find("hint", 1, true), err)

-- In a script.
local script = cli.tmpfile(table.concat({
  'local work = async(function(n) await(asyncio.sleep(0.01)) return n end)',
  'asyncio.run(async(function()',
  '  local p = asyncio.create_task(asyncio.gather(work(30), work(40)))',
  'end)())',
}, "\n"))
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: create_task(gather): status", code, 1)
has("script: create_task(gather): hint", err, "\nhint: asyncio.gather(work(30), work(40)) is a future that " ..
  "already runs, not a coroutine object: no create_task, local p = asyncio.gather(work(30), work(40)), then " ..
  "await(p) when its result is needed\n")
script = cli.tmpfile(table.concat({
  'local gen = async(function() for i = 0, 2 do await(asyncio.sleep(0.01)) coroutine.yield(i) end end)',
  'asyncio.run(async(function()',
  '  for v in gen() do print(v) end',
  'end)())',
}, "\n"))
out, err, code = cli.run('"$L" ' .. cli.quote(script))
has("script: for over an async function's call", err, ":3: attempt to call a coroutine value")
has("script: for over an async function's call: hint", err, "\n" .. GEN)
script = cli.tmpfile('local f = async(function(x) return x end)\nlocal x = 3\nprint(f"x = {x}")\n')
out, err, code = cli.run('"$L" ' .. cli.quote(script))
has("script: f-string with an async f", err, ":3: RuntimeWarning: coroutine 'f' was never awaited\n" ..
  "hint: Lua has no f-strings: (\"x = %s\"):format(x)\n")
cli.finish()
