-- A line Lua refuses in a pasted block drops the block, and the lines of
-- the paste that belong to it go with it up to the block's end, found by
-- the block's structure (do, then, function, repeat against end and until;
-- brackets; not in strings, comments or long brackets), whether the paste
-- is indented or not. They ran one by one at the top level when the paste
-- had no indentation: `print("after", i)` printed `after nil`, and the
-- block's `end` was refused. Stdin from a file and from a pipe: both hold
-- the paste's lines before the REPL reads them. (The indented paste:
-- repl_block_error; a terminal: tests/repl.test.cpp.)
local cli = require "lib.cli"
local eq, has, quote, tmpfile = cli.eq, cli.has, cli.quote, cli.tmpfile

local function lines(t) return table.concat(t, "\n") .. "\n" end
local function each_stdin(paste, check)
  local file = tmpfile(paste)
  check("file", cli.run('"$L" -i <' .. quote(file)))
  check("pipe", cli.run('cat ' .. quote(file) .. ' | "$L" -i'))
end
local function no_line(out, text) return not out:find("\n" .. text, 1, true) end

-- The brief's paste: nothing after the refused line runs, the end is not
-- refused, the line after the block runs.
each_stdin(lines({
  'for i = 1, 3 do',
  'print(i)',
  'x = [1, 2]',
  'print("after", i)',
  'end',
  'print("next")',
}), function(how, out, err, code)
  eq(how .. ": exit status", code, 0)
  cli.check(how .. ": no line of the block ran", no_line(out, "after") and no_line(out, "1\n"), out)
  has(how .. ": the line after the block ran", out, '> print("next")\nnext\n')
  eq(how .. ": stderr", err, lines({
    "stdin#1:3: unexpected symbol near '['",
    "hint: a list in Lua is a table: {1, 2, 3}, its first item t[1]",
    "(not run: the 2 lines after the error, the rest of the block it dropped)",
  }))
end)

-- What the count must see through: an else and the then of an elseif at
-- the block's level, ends in a string, a comment, a long comment and a
-- long string over several lines, a function and a repeat closed on their
-- own line; a table constructor closed by its `}`; a Python if (no then)
-- in a function, which opens nothing.
each_stdin(lines({
  'for i = 1, 2 do',
  'if i == 1 then',
  'print("one")',
  'elseif i == 2 then',
  'total += i',
  'else',
  'print("never")',
  'end',
  'local s = "end end until" -- end',
  'local f = function() return "do" end',
  '--[[ a comment with end',
  'and an if with its then ]]',
  'local long = [==[',
  'end until end ]]',
  ']==]',
  'repeat i = i + 1 until i > 5',
  'print("after", i)',
  'end',
  'print("next")',
  't = {',
  'a = 1,',
  'b = [1, 2],',
  'c = 3,',
  '}',
  'print("t is", t)',
  'f = function(x)',
  'if x > 1:',
  'print("big")',
  'return x',
  'end',
  'print("f is", f)',
}), function(how, out, err, code)
  eq(how .. ": exit status", code, 0)
  cli.check(how .. ": no line of a dropped block ran", no_line(out, "never") and no_line(out, "after") and
    no_line(out, "big") and no_line(out, "nil\n"), out)
  has(how .. ": the lines after the blocks ran", out,
    '> print("next")\nnext\n> t = {\n>> a = 1,\n>> b = [1, 2],\n>> c = 3,\n>> }\n> print("t is", t)\nt is\tnil\n')
  has(how .. ": and after the function", out, '> print("f is", f)\nf is\tnil\n')
  eq(how .. ": stderr", err, lines({
    "stdin#1:5: syntax error near '+'",
    "hint: Lua has no +=: write total = total + i",
    "(not run: the 13 lines after the error, the rest of the block it dropped)",
    "stdin#3:3: unexpected symbol near '['",
    "hint: a list in Lua is a table: {1, 2, 3}, its first item t[1]",
    "(not run: the 2 lines after the error, the rest of the block it dropped)",
    "stdin#5:2: 'then' expected near ':'",
    "hint: Lua's if: if x > 1 then ... end",
    "(not run: the 3 lines after the error, the rest of the block it dropped)",
  }))
end)

-- An end the count did not see opened (a Python for given an end), indented
-- deeper than the block's first line, does not end the block: its own end
-- does.
each_stdin(lines({
  'for i = 1, 3 do',
  '  for j in range(2):',
  '    print("j", j)',
  '  end',
  '  print("after", i)',
  'end',
  'print("last")',
}), function(how, out, err, code)
  eq(how .. ": exit status", code, 0)
  cli.check(how .. ": no line of the block ran", no_line(out, "j\t") and no_line(out, "after"), out)
  has(how .. ": the line after the block ran", out, '> print("last")\nlast\n')
  eq(how .. ": stderr", err, lines({
    "stdin#1:2: <name> expected near <eof>",
    "hint: Lua's for counts both ends: for j = 0, 1 do ... end",
    "(not run: the 4 lines after the error, the rest of the block it dropped)",
  }))
end)

-- The input ends inside the dropped block: the note counts the lines
-- skipped and names them (the block's end was never seen).
each_stdin(lines({
  'while true do',
  'x = [1]',
  'print("in loop")',
}), function(how, out, err, code)
  eq(how .. ": exit status", code, 0)
  cli.check(how .. ": the loop's line did not run", no_line(out, "in loop"), out)
  eq(how .. ": stderr", err, lines({
    "stdin#1:2: unexpected symbol near '['",
    "hint: a list in Lua is a table: {1, 2, 3}, its first item t[1]",
    "(not run: the 1 line after the error, 'print(\"in loop\")': the input ended inside the block it dropped)",
  }))
end)

cli.finish()
