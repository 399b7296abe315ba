-- A line Lua refuses inside a block still open: a Python line pasted into a
-- Lua function (`  for i in range(n):`). The block is dropped with its hint,
-- and so are the lines of the paste that belong to it (deeper indented, and
-- its closing `end)`), which would else run one by one at the top level
-- with their side effects (Python runs none of them either: each is an
-- IndentationError there). A line of its own after them runs. (Typed at a
-- terminal, line by line, the block stays open instead: tests/repl.test.cpp.)
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  'worker = async(function(n)',
  '  for i in range(n):',
  '    print("step", i)',
  '    await(asyncio.sleep(1))',
  '',
  '  end',
  '  print("worker finished")',
  'end)',
  'print("after", worker)',
  'if true then',
  '  x = 1 +* 2',
  '  print("inside")',
  'else',
  '  print("else")',
  'end',
  'print("next")',
  '',
}, "\n"))
eq("exit status", code, 0)
cli.check("no line of the dropped block ran", not out:find("\nstep", 1, true) and
  not out:find("\nworker finished\n", 1, true) and not out:find("\ninside\n", 1, true) and
  not out:find("\nelse\n", 1, true), out)
has("the line after the block ran", out, "> print(\"after\", worker)\nafter\tnil\n")
has("and the one after the second block", out, "> print(\"next\")\nnext\n")
eq("stderr", err, table.concat({
  "stdin#1:2: <name> expected near <eof>",
  "hint: Lua's for counts both ends: for i = 0, n - 1 do ... end",
  "(not run: the 6 lines after the error, the rest of the block it dropped)",
  "stdin#3:2: unexpected symbol near '*'",
  "(not run: the 4 lines after the error, the rest of the block it dropped)",
  "",
}, "\n"))

-- A block whose error is at its last line: nothing to skip, no note.
out, err, code = cli.run('"$L" -i', 'f = function()\n  return 1 +\nend\nprint("ran")\n')
eq("error at the end: stderr", err, "stdin#1:3: unexpected symbol near 'end'\n")
has("error at the end: the next line ran", out, "ran\n")

cli.finish()
