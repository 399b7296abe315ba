-- An error in a function defined by an earlier input gets the hint its line
-- shows, as one in the same input or in a script does: each input is its
-- own chunk (stdin#1, stdin#2...), and the hint reads the line from the
-- text of the input the error names, not from the input that called it.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  'g = async(function(name) print("hello " + name) end)',
  'await(g("bob"))',
  'm = async(function(name) print(f"hi {name}") end)',
  'await(m("x"))',
  'w = async(function() return string.uper("x") end)',
  'await(w())',
  -- two lines: the error is at line 2 of stdin#7, called from line 1 of stdin#8
  'add = function(a, b)\n  return a .. b + 1 end',
  'add("x", "y")',
  '',
}, "\n"))
eq("exit status", code, 0)
eq("stdout: no value printed", out:match("> await%(g%(\"bob\"%)%)\n(.-)> m ="), "")

-- err has the error `first`, then its traceback, then `hint` right after
-- the traceback's last line, `\tstdin#n:1: in main chunk`.
local function has_hint(what, first, caller, hint)
  local at = err:find(first .. "\n", 1, true)
  cli.check(what .. ": the error", at, err)
  if at then has(what, err:sub(at), "\tstdin#" .. caller .. ":1: in main chunk\n" .. hint .. "\n") end
end
has_hint("string +", "stdin#1:1: attempt to add a 'string' with a 'string'", 2,
  'hint: Lua joins strings with .., not +: "a" .. "b"')
has_hint("f-string", "stdin#3:1: attempt to call a nil value (global 'f')", 4,
  'hint: Lua has no f-strings: ("hi %s"):format(name)')
has_hint("a misspelt name", "stdin#5:1: attempt to call a nil value (field 'uper')", 6,
  "hint: did you mean string.upper?")
has_hint("line 2 of an earlier input", "stdin#7:2: attempt to add a 'string' with a 'number'", 8,
  'hint: Lua joins strings with .., not +: "a" .. "b"')

cli.finish()
