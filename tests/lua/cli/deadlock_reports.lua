-- Waiting for something that nothing can ever do is reported instead of
-- hanging: a script exits 1 naming where the main task waits (also for an
-- infinite sleep, whose deadline never comes); at the REPL only the input is
-- cancelled and the session goes on; and leaving the REPL never waits
-- forever for a task that will not stop.
local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local run, eq, has, finish = cli.run, cli.eq, cli.has, cli.finish

local out, err, code = run([["$L" --clock=virtual -e 'await(asyncio.sleep(math.huge))']], nil, 5)
eq("infinite sleep: status", code, 1)
has("infinite sleep: report", err, "luasync: deadlock: the main task waits at (command line):1")

out, err, code = run([["$L" -e 'local f = asyncio.Future() await(f)']], nil, 5)
eq("future nobody sets: status", code, 1)
has("future nobody sets: report", err, "deadlock: the main task waits at (command line):1")

-- Not a deadlock when a finalizer is what wakes the main task: a full
-- collection runs before one is declared (CPython's __del__ would have run).
local script = cli.tmpfile(table.concat({
  "local f = asyncio.Future()",
  "do local g = setmetatable({}, { __gc = function() f:set_result('woken by a finalizer') end }) end",
  "print(await(f))",
}, "\n") .. "\n")
out, err, code = run('"$L" ' .. cli.quote(script), nil, 5)
os.remove(script)
eq("woken by a finalizer: status", code, 0)
eq("woken by a finalizer: stdout", out, "woken by a finalizer\n")
eq("woken by a finalizer: stderr", err, "")

out, err, code = run([["$L" -i --clock=virtual]], 'f = asyncio.Future()\nawait(f)\nprint("still here")\n', 5)
eq("REPL: status", code, 0)
has("REPL: report", err, "luasync: deadlock: the input waits at stdin#2:1")
has("REPL: the session goes on", out, "still here\n")
-- Leaving the REPL is bounded even when a task swallows its cancellation.
out, err, code = run([["$L" -i]], "asyncio.spawn(function() while true do pcall(await, asyncio.sleep(100)) end end)\n", 5)
eq("REPL exit with a stubborn task: status", code, 0)
has("REPL exit with a stubborn task: count", out, "cancelled 1 pending task\n")
finish()
