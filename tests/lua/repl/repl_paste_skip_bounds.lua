-- The skip of a pasted block dropped for a refused line (dropped_block.lua)
-- ends at the block's end and never takes the lines after it, where the
-- paste holds Python's text the count cannot take for Lua, or an
-- indentation it did not expect. On the binary before this test, each of
-- these pastes had its lines after the block swallowed (the note counted
-- them as the block's), or ran the block's lines at the top level:
--   * a Python comment counted as code: `print(i)  # do it twice` opened a
--     `do`, so `end` closed nothing and `print("next")` never ran;
--   * a first line pasted without its indentation (an editor's selection
--     from the first non-blank): the block's own `end`, deeper than that
--     line, was taken for a Python header's;
--   * a count misled by Python's names (`repeat(i, 2)`, itertools') went
--     on to the end of the input, saying only "the rest of the block";
--   * a refused line whose first token is the bad symbol (`# comment`,
--     `*args`, `[1, 2]`, `@decorator`) was blamed on the line before it,
--     and the block's lines ran at the top level (`end` was refused).
-- Stdin from a file and from a pipe. (A terminal: tests/repl.test.cpp.)
local cli = require "lib.cli"
local eq, has, quote, tmpfile = cli.eq, cli.has, cli.quote, cli.tmpfile

local function lines(t) return table.concat(t, "\n") .. "\n" end
local function each_stdin(paste, check)
  local file = tmpfile(paste)
  check("file", cli.run('"$L" -i <' .. quote(file)))
  check("pipe", cli.run('cat ' .. quote(file) .. ' | "$L" -i'))
end
local function no_line(out, text) return not out:find("\n" .. text, 1, true) end
local LIST_HINT = "hint: a list in Lua is a table: {1, 2, 3}, its first item t[1]"

-- Python's comments: after code, on the refused line and on the block's
-- lines; the words and brackets in them (do, function, [[) count for
-- nothing.
each_stdin(lines({
  'for i = 1, 3 do',
  '  x = [1, 2]',
  '  print(i)  # do it twice',
  'end',
  'print("next")',
  'print("next2")',
}), function(how, out, err, code)
  eq(how .. ": exit status", code, 0)
  has(how .. ": the lines after the block ran", out, '> print("next")\nnext\n> print("next2")\nnext2\n')
  eq(how .. ": stderr", err, lines({
    "stdin#1:2: unexpected symbol near '['",
    LIST_HINT,
    "(not run: the 2 lines after the error, the rest of the block it dropped)",
  }))
end)
each_stdin(lines({
  'for i = 1, 3 do',
  'x = [1, 2]  # do not',
  'print(i)',
  'end',
  'print("next")',
}), function(how, out, err, code)
  eq(how .. ": exit status", code, 0)
  has(how .. ": the line after the block ran", out, '> print("next")\nnext\n')
  eq(how .. ": stderr", err, lines({
    "stdin#1:2: unexpected symbol near '['",
    LIST_HINT,
    "(not run: the 2 lines after the error, the rest of the block it dropped)",
  }))
end)

-- Lua's length operator is no comment: `#{` opens its table, which `})`
-- closes (a comment there would have closed the block at `})`, and
-- print("after") run). A line of Python's comment alone, with a long
-- bracket in it; Python's keyword argument end= closes nothing.
each_stdin(lines({
  'for i = 1, 2 do',
  'x = [1]',
  '# see [[1, 2]]: a function, do not',
  'print(#{',
  '"a", "b",',
  '})  # two, do',
  'print(i, end=" ")',
  'print("after")',
  'end',
  'print("next")',
}), function(how, out, err, code)
  eq(how .. ": exit status", code, 0)
  cli.check(how .. ": no line of the block ran", no_line(out, "after") and no_line(out, "2\n"), out)
  has(how .. ": the line after the block ran", out, '> print("next")\nnext\n')
  eq(how .. ": stderr", err, lines({
    "stdin#1:2: unexpected symbol near '['",
    LIST_HINT,
    "(not run: the 7 lines after the error, the rest of the block it dropped)",
  }))
end)

-- The first line pasted without its indentation: the block ends at its
-- own end, less indented than its body, and the lines after it run.
each_stdin(lines({
  'for i = 1, 3 do',
  '        x = [1, 2]',
  '        print(i)',
  '    end',
  '    print("after")',
  'print("next")',
}), function(how, out, err, code)
  eq(how .. ": exit status", code, 0)
  has(how .. ": the lines after the block ran", out, '>     print("after")\nafter\n> print("next")\nnext\n')
  eq(how .. ": stderr", err, lines({
    "stdin#1:2: unexpected symbol near '['",
    LIST_HINT,
    "(not run: the 2 lines after the error, the rest of the block it dropped)",
  }))
end)

-- A tab is indentation to the next multiple of 8, as Python counts it: a
-- body indented with tabs under a line of four spaces is deeper, not a
-- line after the block (the binary before this test counted a tab as one
-- column: print("in", i) ran at the top level and os.exit(3) ended the
-- session).
each_stdin(lines({
  'for i = 1, 2 do',
  '    x = [1]',
  '\tprint("in", i)',
  '\tos.exit(3)',
  'end',
  'print("next")',
}), function(how, out, err, code)
  eq(how .. ": exit status", code, 0)
  cli.check(how .. ": no line of the block ran", no_line(out, "in\t"), out)
  has(how .. ": the line after the block ran", out, '> print("next")\nnext\n')
  eq(how .. ": stderr", err, lines({
    "stdin#1:2: unexpected symbol near '['",
    LIST_HINT,
    "(not run: the 3 lines after the error, the rest of the block it dropped)",
  }))
end)

-- A line that goes on with a bracket (or a long string) the count saw
-- open is the count's, whatever its indentation, as in Python: `  i)`
-- ended the skip, and print("in", s) ran at the top level. A function's
-- body inside a bracket (`async(function()`) is bounded by indentation
-- still: its misled count (repeat) ends at the block's `end)`.
each_stdin(lines({
  'for i = 1, 2 do',
  '    x = [1]',
  '    local s = string.format("%s",',
  '  i)',
  '    local t = [[',
  'a long',
  ']]',
  '    print("in", s, t)',
  'end',
  'print("next")',
  'worker = async(function()',
  '    y = [2]',
  '    n = repeat(1, 2)',
  '    print("in worker")',
  'end)',
  'print("after", worker)',
}), function(how, out, err, code)
  eq(how .. ": exit status", code, 0)
  cli.check(how .. ": no line of a block ran", no_line(out, "in\t") and no_line(out, "in worker"), out)
  has(how .. ": the line after the block ran", out, '> print("next")\nnext\n')
  has(how .. ": and after the function's", out, '> print("after", worker)\nafter\tnil\n')
  eq(how .. ": stderr", err, lines({
    "stdin#1:2: unexpected symbol near '['",
    LIST_HINT,
    "(not run: the 7 lines after the error, the rest of the block it dropped)",
    "stdin#3:2: unexpected symbol near '['",
    LIST_HINT,
    "(not run: the 3 lines after the error, the rest of the block it dropped)",
  }))
end)

-- A count misled (Python's repeat() is Lua's repeat, which waits for an
-- until): in an indented paste, the block ends at its end, back at its
-- first line's level; a line back there that is no end comes after the
-- block (a block given no end), and runs.
each_stdin(lines({
  'for i = 1, 3 do',
  '  x = [1, 2]',
  '  n = repeat(i, 2)',
  '  print(i)',
  'end',
  'print("next")',
  'while true do',
  '  y = [1]',
  '  print("loop")',
  'print("last")',
}), function(how, out, err, code)
  eq(how .. ": exit status", code, 0)
  cli.check(how .. ": no line of a block ran", no_line(out, "1\n") and no_line(out, "loop\n"), out)
  has(how .. ": the line after the block ran", out, '> print("next")\nnext\n')
  has(how .. ": and the line after the block without an end", out, '>> print("last")\nlast\n')
  eq(how .. ": stderr", err, lines({
    "stdin#1:2: unexpected symbol near '['",
    LIST_HINT,
    "(not run: the 3 lines after the error, the rest of the block it dropped)",
    "stdin#3:2: unexpected symbol near '['",
    LIST_HINT,
    "(not run: the 1 line after the error, the rest of the block it dropped)",
  }))
end)

-- Without indentation the count is all there is: misled, it goes on to
-- the input's end, and the note names the first and the last line skipped
-- (a long one cut between two characters).
each_stdin(lines({
  'for i = 1, 3 do',
  'x = [1, 2]',
  'n = repeat(i, 2)',
  'print(i)',
  'end',
  'print("next")',
  'print("a二回だけ回す、ループの最後の行")',
}), function(how, out, err, code)
  eq(how .. ": exit status", code, 0)
  eq(how .. ": stderr", err, lines({
    "stdin#1:2: unexpected symbol near '['",
    LIST_HINT,
    "(not run: the 5 lines after the error, 'n = repeat(i, 2)' to 'print(\"a二回だけ回す、ルー...': " ..
      "the input ended inside the block it dropped)",
  }))
end)

-- A refused line whose first token is the bad symbol is the line's fault:
-- the block is dropped with its lines, indented or not.
each_stdin(lines({
  'for i = 1, 3 do',
  '  # do the work',
  '  print(i)',
  'end',
  'print("next")',
  'function f(args)',
  '  *rest = args',
  '  return rest',
  'end',
  'print("f", f)',
  'while true do',
  '[1, 2]',
  'break',
  'end',
  'print("w")',
  'if true then',
  '@decorator',
  'print("in")',
  'end',
  'print("i")',
}), function(how, out, err, code)
  eq(how .. ": exit status", code, 0)
  cli.check(how .. ": no line of a block ran", no_line(out, "nil\n") and no_line(out, "in\n"), out)
  has(how .. ": the lines after the blocks ran", out, '> print("next")\nnext\n')
  has(how .. ": after the function", out, '> print("f", f)\nf\tnil\n')
  has(how .. ": after the loop and the if", out, '> print("w")\nw\n')
  has(how .. ": after the if", out, '> print("i")\ni\n')
  eq(how .. ": stderr", err, lines({
    "stdin#1:2: unexpected symbol near '#'",
    "hint: a comment in Lua starts with --",
    "(not run: the 2 lines after the error, the rest of the block it dropped)",
    "stdin#3:2: unexpected symbol near '*'",
    "(not run: the 2 lines after the error, the rest of the block it dropped)",
    "stdin#5:2: unexpected symbol near '['",
    LIST_HINT,
    "(not run: the 2 lines after the error, the rest of the block it dropped)",
    "stdin#7:2: unexpected symbol near '@'",
    "(not run: the 2 lines after the error, the rest of the block it dropped)",
  }))
end)

cli.finish()
