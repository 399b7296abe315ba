-- An f-string gets a hint that is valid Lua and prints what Python prints:
-- a format spec becomes the conversion of Lua's string.format ({x:.2f} is
-- %.2f, {name:<10} is %-10s), doubled braces are literal braces, a literal
-- % is %%, {x=} shows its text; a conversion ({x!r}) is left to %s; a spec
-- Lua has no conversion for ({x:^10}) is said to be shown as %s; Lua's
-- method call in a field ({t:done()}) stays whole, Python's ({t.done()})
-- is written with ':'. At the prompt and under a script's error.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  'start = 1.5; finish = 4.25; x = "hi"; d = 3; p = 5; name = "ab"; n = 42; v = 1234.5',
  'print(f"総実行時間: {finish - start:.2f}秒")',
  'print(f"{x!r:>10}")',
  'print(f"{{literal}} {d}")',
  'print(f"progress {p}% done")',
  "print(f'{name:<10}|{n:5d}|{v:+.3e}|{n:#x}|{d:05}|{v:010.3f}')",
  'print(f"{n=} {d + 1 = }")',
  'print(f"{x:^10} {n:,}")',
  'print(f"100% {{sure}}")',
  '',
}, "\n"))
eq("REPL: exit status", code, 0)
local hints = {
  [[("総実行時間: %.2f秒"):format(finish - start)]],
  [[("%10s"):format(x)]],
  [[("{literal} %s"):format(d)]],
  [[("progress %s%% done"):format(p)]],
  [[('%-10s|%5d|%+.3e|%#x|%05d|%010.3f'):format(name, n, v, n, d, v)]],
  [[("n=%s d + 1 = %s"):format(n, d + 1)]],
}
for i, h in ipairs(hints) do
  has("f-string " .. i, err, "stdin#" .. (i + 1) .. ":1: in main chunk\nhint: Lua has no f-strings: " .. h .. "\n")
end
has("a spec Lua has no conversion for", err, "hint: Lua has no f-strings: (\"%s %s\"):format(x, n) " ..
  "(Lua's format has nothing for {x:^10}, {n:,}: %s shows it as tostring does)\n")
has("no field: the string itself", err, "hint: Lua has no f-strings: write \"100% {sure}\"\n")

-- A Lua method call in a field, {task:cancelled()}, is the expression, not
-- task with the spec "cancelled()"; a spec after it still converts.
out, err = cli.run('"$L" -i', 'task = asyncio.create_task(asyncio.sleep(0))\n' ..
  'print(f"cancel? : {task:cancelled()}")\nprint(f"{task:get_name():>8}|{task:done()}")\n')
has("a method call in a field", err, "hint: Lua has no f-strings: (\"cancel? : %s\"):format(task:cancelled())\n")
has("a method call, then a spec", err, "hint: Lua has no f-strings: (\"%8s|%s\"):format(task:get_name(), task:done())\n")

-- Python's method call in a field, {task.cancelled()}, is Lua's
-- task:cancelled() (task.cancelled() would call it without its task); a
-- module's function ({math.floor(x)}, {time.time()}, a global table of the
-- program's) stays as it is. At the prompt and in a script.
out, err = cli.run('"$L" -i', 'task = asyncio.create_task(asyncio.sleep(0)); utils = {twice = function(x) ' ..
  'return 2 * x end}; x = 2.5\nprint(f"cancel? : {task.cancelled()} {task.get_name():>8} {math.floor(x)} ' ..
  '{utils.twice(x)}")\nlocal fmt = {n = tostring}\nprint(f"{fmt.n(x)} {task.done()}")\n')
local python_methods = "hint: Lua has no f-strings: (\"cancel? : %s %8s %s %s\"):format(task:cancelled(), " ..
  "task:get_name(), math.floor(x), utils.twice(x)) (methods are called with ':' in Lua)\n"
has("Python's method call in a field", err, python_methods)
has("a REPL local's module function", err,
  "hint: Lua has no f-strings: (\"%s %s\"):format(fmt.n(x), task:done()) (methods are called with ':' in Lua)\n")
out, err, code = cli.run('"$L" -e \'task = asyncio.create_task(asyncio.sleep(0)); utils = {twice = function(x) ' ..
  'return 2 * x end}; x = 2.5\' -e \'await(task)\' -e ' ..
  cli.quote('print(("cancel? : %s %8s %s %s"):format(task:cancelled(), task:get_name(), math.floor(x), ' ..
    'utils.twice(x)))'))
eq("the hinted method calls run", out, "cancel? : false   Task-2 2 5.0\n")
local methods_script = cli.tmpfile('local t = asyncio.create_task(asyncio.sleep(0))\n' ..
  'print(f"{t.done()} at {time.time():.0f}")\n')
out, err, code = cli.run('"$L" ' .. cli.quote(methods_script))
eq("script: Python's method call: status", code, 1)
has("script: Python's method call", err,
  "hint: Lua has no f-strings: (\"%s at %.0f\"):format(t:done(), time.time()) (methods are called with ':' in Lua)\n")

-- The hinted code prints what CPython 3.13 prints for the f-strings (but
-- for !r, whose quotes Lua's %s does not add: '      'hi'' in Python).
local script = { 'local start, finish, x, d, p, name, n, v = 1.5, 4.25, "hi", 3, 5, "ab", 42, 1234.5' }
for _, h in ipairs(hints) do script[#script + 1] = "print(" .. h .. ")" end
out, err, code = cli.run('"$L" ' .. cli.quote(cli.tmpfile(table.concat(script, "\n") .. "\n")))
eq("the hinted code: status", code, 0)
eq("the hinted code prints what Python prints", out, table.concat({
  "総実行時間: 2.75秒", "        hi", "{literal} 3", "progress 5% done",
  "ab        |   42|+1.234e+03|0x2a|00003|001234.500", "n=42 d + 1 = 4", "",
}, "\n"))

-- In a script: the line comes from the file.
local fstring = cli.tmpfile('local start, finish = 0, 1.5\nprint(f"took {finish - start:.1f} s")\n')
out, err, code = cli.run('"$L" ' .. cli.quote(fstring))
eq("script: status", code, 1)
has("script: the hint", err, "hint: Lua has no f-strings: (\"took %.1f s\"):format(finish - start)\n")

-- An error of its own at a line that shows an f-string inside a string gets
-- no f-string hint.
out, err = cli.run('"$L" -i', 'print("in Python: f\\"{x}\\"") error("boom")\n')
has("an f-string in a string: the error", err, "stdin#1:1: boom\n")
cli.check("an f-string in a string: no hint", not err:find("f-strings", 1, true), err)
cli.finish()
