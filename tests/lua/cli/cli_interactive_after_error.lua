-- `luasync -i script.lua` opens the REPL after the script also when the
-- script fails or raises SystemExit, as `python -i` does: the error is
-- reported first, then the session sees the script's globals and the tasks
-- it left running, and the exit status is the session's.
local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local run, eq, has, check, finish = cli.run, cli.eq, cli.has, cli.check, cli.finish

local script = cli.tmpfile(table.concat({
  "x = 5",
  "ticker = asyncio.spawn(function() await(asyncio.sleep(1)); print('ticker done') end)",
  "error('boom')",
}, "\n") .. "\n")

local out, err, code = run([["$L" -i --clock=virtual ]] .. cli.quote(script),
  "print(x)\nawait(ticker)\nprint(ticker:done())\n", 10)
eq("failed script: the session's status", code, 0)
has("failed script: reported", err, script .. ":3: boom")
has("failed script: its traceback", err, "in main chunk")
has("failed script: globals kept", out, "> print(x)\n5\n")
has("failed script: its task kept running", out, "ticker done\n")
has("failed script: the session goes on", out, "> print(ticker:done())\ntrue\n")
check("failed script: the report comes before the REPL's banner", err:find("boom", 1, true) ~= nil and
  not out:find("boom", 1, true))

-- exit(n) in the session decides the status.
out, err, code = run([["$L" -i ]] .. cli.quote(script), "exit(4)\n", 10)
eq("failed script, exit(4): status", code, 4)

-- SystemExit raised by the script: quiet for 0, then the REPL.
local exiting = cli.tmpfile("y = 7\nerror(asyncio.SystemExit(2))\n")
out, err, code = run([["$L" -i ]] .. cli.quote(exiting), "print(y + 1)\n", 10)
eq("SystemExit: status", code, 0)
has("SystemExit: the REPL opened", out, "> print(y + 1)\n8\n")

-- An error in -e before -i: the same.
out, err, code = run([["$L" -e 'z = 3; error("early")' -i]], "print(z * 2)\n", 10)
eq("-e failed: status", code, 0)
has("-e failed: reported", err, "(command line):1: early")
has("-e failed: the REPL opened", out, "> print(z * 2)\n6\n")

-- Without -i a failing script still ends with status 1 and no REPL.
out, err, code = run([["$L" ]] .. cli.quote(script), "print(x)\n", 10)
eq("no -i: status", code, 1)
eq("no -i: no REPL", out, "")
finish()
