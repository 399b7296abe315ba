-- A worker's output keeps its order whoever writes it: io.write, print and
-- io.stdout:write from a worker thread, in a script and at the REPL (here
-- through a pipe), where the loop thread writes a worker's text above the
-- prompt: all of it, not print's alone, which had io.write's text come out
-- before the lines printed ahead of it.
local cli = require "lib.cli"
local has, eq = cli.has, cli.eq

local job = 'await(asyncio.to_thread(function() io.write("one ") print("two") io.write("three", 4, 5.5, "\\n") ' ..
  'io.stdout:write("six\\n") end))'
local want = "one two\nthree45.5\nsix\n"

local out, _, code = cli.run('"$L" -i', job .. "\nprint('after')\n")
eq("REPL: exit status", code, 0)
has("REPL: the worker's output in order", out, "> " .. job .. "\n" .. want .. "> print('after')\nafter\n")

local script = cli.tmpfile(job .. "\nprint('after')\n")
out, _, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: exit status", code, 0)
eq("script: the worker's output in order", out, want .. "after\n")
cli.finish()
