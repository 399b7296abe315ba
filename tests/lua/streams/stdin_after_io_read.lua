-- asyncio.stdin() after io.read: the reader starts with what C stdio's
-- buffer read ahead (io.read("l") reads a block of the pipe, 4 KiB), which
-- reading the descriptor would have lost; from a pipe, a regular file, and
-- after an io.read(1) that leaves nearly all of a block. At exit the
-- standard input is blocking again, as it was: the next reader of the same
-- pipe (`{ luasync x.lua; cat; }`) does not fail with EAGAIN.
local cli = require "lib.cli"
local run, eq, tmpfile, quote = cli.run, cli.eq, cli.tmpfile, cli.quote

local script = tmpfile([[
local first = io.read(tonumber(arg[1]) or "l")
local n, last = 0, nil
for line in asyncio.stdin():lines() do
  n = n + 1
  if n == 1 then io.write("first: ", line, "\n") end
  last = line
end
print(first, n, last)
]])
local numbers = tmpfile()
assert(os.execute("seq 1 10000 >" .. quote(numbers)))

local out, err, code = run("cat " .. quote(numbers) .. ' | "$L" ' .. quote(script))
eq("pipe: status", code, 0)
eq("pipe: stderr", err, "")
eq("pipe: every line after the first", out, "first: 2\n1\t9999\t10000\n")

out = run('"$L" ' .. quote(script) .. " <" .. quote(numbers))
eq("file: every line after the first", out, "first: 2\n1\t9999\t10000\n")

out = run("cat " .. quote(numbers) .. ' | "$L" ' .. quote(script) .. " 1")
eq("pipe, io.read(1): the rest of the line, then the others", out, "first: \n1\t10000\t10000\n")

-- the flag put back at exit, also by os.exit
for _, exit in ipairs({ "", " os.exit(0)" }) do
  out, err = run([[(echo a; sleep 0.3; echo b) | { "$L" -e 'io.write(await(asyncio.stdin():readline()))]] ..
    exit .. [['; cat; }]])
  eq("blocking again at exit" .. exit .. ": output", out, "a\nb\n")
  eq("blocking again at exit" .. exit .. ": stderr", err, "")
end
cli.finish()
