-- At the prompt a `local f <close>` stays a true local of its input, closed
-- when that input ends (docs/repl.md): the next input that uses f finds a
-- nil global, and the hint says why. The hints for Python's with and async
-- with, which suggest such a local, say at the prompt to type it with the
-- lines that use it as one input.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local path = cli.tmpfile("hello\n")
local out, err, code = cli.run('"$L" -i', table.concat({
  'with open("' .. path .. '") as f:',
  'local f <close> = await(asyncio.open("' .. path .. '"))',
  'f:read()',
  'local tg <close> = asyncio.TaskGroup()',
  'tg:create_task(asyncio.sleep(1))',
  'tg',
  -- in one input, it works
  'do local f <close> = await(asyncio.open("' .. path .. '")) io.write(await(f:read())) end',
  -- a REPL local of that name later: no hint about the old one
  'local f',
  'f:read()',
  '',
}, "\n"))
eq("exit status", code, 0)
local CLOSED = " (left at the end of its block; at the prompt a <close> local ends with its input: type the " ..
  "block as one input, do ... end)\n"
has("with open", err, "hint: Lua's with is a to-be-closed variable: local f <close> = await(asyncio.open(\"" ..
  path .. "\"))" .. CLOSED)
local function ended(name, n)
  return "hint: " .. name .. " was a local <close> of stdin#" .. n .. ", closed when that input ended (at the " ..
    "prompt such a local lasts one input): type it and the lines that use it as one input, do ... end\n"
end
has("f:read() in the next input", err, "stdin#3:1: attempt to index a nil value (global 'f')\n")
has("f:read() in the next input: hint", err, "\tstdin#3:1: in main chunk\n" .. ended("f", 2))
has("tg in the next input: hint", err, "\tstdin#5:1: in main chunk\n" .. ended("tg", 4))
has("tg alone: nil and the hint", out, "> tg\nnil\n" .. ended("tg", 4))
has("in one input it reads", out, "\nhello\n")
has("a REPL local f later", err, "stdin#9:1: attempt to index a nil value (global 'f')\n")
eq("the hint about f only once", select(2, err:gsub("hint: f was a local", "")), 1)

-- In a script, the with hint keeps the block's end only.
local script = cli.tmpfile('with open("x") as f:\n')
out, err, code = cli.run('"$L" ' .. cli.quote(script))
has("script: with", err, "hint: Lua's with is a to-be-closed variable: local f <close> = await(asyncio.open(\"x\")) " ..
  "(left at the end of its block: do ... end)\n")

cli.finish()
