-- asyncio.stdin(): the standard input as a StreamReader fed from the loop,
-- so the other tasks keep running while a task waits for a line; from a
-- pipe (a writer that pauses; a megabyte, which pauses and resumes the
-- reading), a regular file, /dev/null; refused at the REPL, which reads it.
local cli = require "lib.cli"
local run, eq, has, tmpfile, quote = cli.run, cli.eq, cli.has, cli.tmpfile, cli.quote

local lines_script = tmpfile([[
local ticks = 0
local ticker = asyncio.create_task(function()
  while true do ticks = ticks + 1; await(asyncio.sleep(0.01)) end
end)
local inp = asyncio.stdin()
print(inp == asyncio.stdin())
local last = 0
for line in inp:lines() do
  print(line, ticks - last >= 5 and "ticked" or "no ticks")
  last = ticks
end
print("eof", inp:at_eof())
ticker:cancel()
]])

-- a pipe whose writer pauses between lines: the ticker runs meanwhile
local out, err, code = run([[(sleep 0.2; echo one; sleep 0.2; printf two) | "$L" --clock=real ]] .. quote(lines_script))
eq("pipe: status", code, 0)
eq("pipe: stderr", err, "")
eq("pipe: lines as they come, other tasks running meanwhile", out, "true\none\tticked\ntwo\tticked\neof\ttrue\n")

-- a regular file, and /dev/null
local text = tmpfile("x\ny\n")
out, err, code = run([["$L" --clock=real ]] .. quote(lines_script) .. " <" .. quote(text))
eq("file: status", code, 0)
has("file: lines", out, "x\t")
has("file: all of them", out, "y\t")
has("file: end", out, "eof\ttrue\n")
out, err, code = run([["$L" --clock=real ]] .. quote(lines_script) .. " </dev/null")
eq("/dev/null: at end at once", out, "true\neof\ttrue\n")

-- a megabyte through a pipe, read to the end (the reader pauses the
-- reading above twice its limit, and resumes it)
local big = tmpfile(string.rep("0123456789abcdef", 65536))
local read_all = tmpfile([[
local inp = asyncio.stdin()
local data = await(inp:read())
print(#data, data == string.rep("0123456789abcdef", 65536), await(inp:read(10)) == "")
]])
out, err, code = run("cat " .. quote(big) .. [[ | "$L" ]] .. quote(read_all))
eq("a megabyte: status", code, 0)
eq("a megabyte: every byte, in order", out, "1048576\ttrue\ttrue\n")
-- no newline in the data: one line of 1 MiB is longer than the limit
out = run("cat " .. quote(big) .. [[ | "$L" -e 'print(pcall(await, asyncio.stdin():readline()))']])
has("a line longer than the limit", out, "false\tValueError: Separator is not found, and chunk exceed the limit")

-- the REPL reads the standard input itself
out, err, code = run([["$L" -i]], "print(pcall(asyncio.stdin))\n")
has("REPL: refused", out, "false\tRuntimeError: asyncio.stdin() cannot read the standard input: it is in use by the REPL's line input")

cli.finish()
