-- Which stream the REPL writes what to (docs/repl.md), with stdin
-- a pipe (`luasync -i`): the banner, prompts with the echoed input, values
-- and the exit summary on stdout; errors, tracebacks and the report of a
-- background task's unretrieved error on stderr. And a reader of stdout
-- that goes away ends the session cleanly.

local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set")

local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local quote, tmpfile, run, fail = cli.quote, cli.tmpfile, cli.run, cli.fail
local eq, has, matches, finish = cli.eq, cli.has, cli.matches, cli.finish

local BANNER2 = "Use await(...) directly instead of asyncio.run().\nType help() for a tour; exit() or Ctrl-D leaves.\n"
local version = io.popen(LUASYNC .. " -v"):read("l")

local input = table.concat({
  '1 + 1',
  'error("boom")',
  'asyncio.spawn(function() await(asyncio.sleep(1)) error("bg boom") end)',
  'await(asyncio.sleep(2))',
  'waiter = asyncio.spawn(function() await(asyncio.sleep(60)) end)',
}, "\n") .. "\n"
local out, err, code = run('"$L" -i --clock=virtual', input)
eq("status", code, 0)
eq("stdout", out, version .. "\n" .. BANNER2 ..
  "> 1 + 1\n2\n" ..
  '> error("boom")\n' ..
  '> asyncio.spawn(function() await(asyncio.sleep(1)) error("bg boom") end)\n' ..
  "<Task pending name='Task-1' coro=<stdin#3:1() running at stdin#3:1>>\n" ..
  "> await(asyncio.sleep(2))\n" ..
  "> waiter = asyncio.spawn(function() await(asyncio.sleep(60)) end)\n" ..
  "> \n" ..
  "cancelled 1 pending task\n")
matches("stderr: the error, then the background report", err,
  "^stdin#2:1: boom\nstack traceback:\n.*Task exception was never retrieved\nfuture: <Task finished name='Task%-1'.*bg boom")
eq("stderr: the background report once", select(2, err:gsub("Task exception was never retrieved", "")), 1)

-- stdout's reader goes away while an input prints forever: a quiet exit
-- (status 141, as a script's: nothing on stderr), promptly.
do
  local path = tmpfile('while true do print("line") end\n')
  local o, e, c, ms = run('"$L" -i <' .. quote(path) .. ' | head -1\necho "statuses ${PIPESTATUS[0]} ${PIPESTATUS[1]}"', nil, 5)
  eq("closed stdout: the pipeline ended (124: timed out)", c, 0)
  matches("closed stdout: head's line, then the statuses", o, "^luasync [^\n]*\nstatuses 141 0\n$")
  eq("closed stdout: stderr", e, "")
  if ms > 3000 then fail("closed stdout: elapsed", ("took %d ms"):format(ms)) end
end

-- The same with a terminal-less stdin and no -i: a script, not the REPL.
out, err, code = run('"$L"', 'print(1 + 1)\n')
eq("no -i: a script: status", code, 0)
eq("no -i: a script: stdout", out, "2\n")
eq("no -i: a script: stderr", err, "")

finish()
