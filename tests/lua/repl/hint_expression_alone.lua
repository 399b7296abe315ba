-- Python habits typed alone at the prompt get the hint they get inside a
-- statement: `2 ** 3` (which fails as a statement at its first symbol),
-- `{"a": 1}`, `[1, 2, 3]`, and `# note`, which Lua compiles as the length
-- of the global note and fails when it runs. A length of a nil (no space
-- after #) gets no comment hint; a table constructor runs. In a script
-- alike (a first line starting with # is skipped, as lua does).
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  '2 ** 3', 'x ** 2', '{"a": 1}', '{1: "one"}', '[1, 2, 3]', '# note', '#t', '{x = 1}', '',
}, "\n"))
eq("REPL: exit status", code, 0)
has("2 ** 3", err, "stdin#1:1: unexpected symbol near '2'\nhint: Lua's power operator is ^: 2 ^ 3\n")
has("x ** 2", err, "stdin#2:1: syntax error near '*'\nhint: Lua's power operator is ^: x ^ 2\n")
has("a dict", err, "stdin#3:1: unexpected symbol near '{'\nhint: a table's keys in Lua: {a = 1} or {[\"a\"] = 1}\n")
has("a dict with number keys", err, "stdin#4:1: unexpected symbol near '{'\nhint: a table's keys in Lua:")
has("a list", err, "stdin#5:1: unexpected symbol near '['\nhint: a list in Lua is a table")
has("# note", err, "stdin#6:1: attempt to get length of a nil value (global 'note')\nstack traceback:\n" ..
  "  task 'stdin#6':\n\tstdin#6:1: in main chunk\nhint: a comment in Lua starts with --\n")
has("#t", err, "stdin#7:1: attempt to get length of a nil value (global 't')\n")
cli.check("#t: no comment hint", not err:find("stdin#7:1: in main chunk\nhint", 1, true), err)
has("a table constructor runs", out, "> {x = 1}\n{x = 1}\n")

for _, c in ipairs {
  { "2 ** 3\n", ":1: unexpected symbol near '2'\nhint: Lua's power operator is ^: 2 ^ 3\n" },
  { '{"a": 1}\n', ":1: unexpected symbol near '{'\nhint: a table's keys in Lua: {a = 1} or {[\"a\"] = 1}\n" },
  { "x = 1\n# note\n", ":2: unexpected symbol near '#'\nhint: a comment in Lua starts with --\n" },
} do
  local script = cli.tmpfile(c[1])
  out, err, code = cli.run('"$L" ' .. cli.quote(script))
  eq(c[1] .. " in a script: status", code, 1)
  eq(c[1] .. " in a script: stderr", err, "luasync: " .. script .. c[2])
end
out, err, code = cli.run('"$L" ' .. cli.quote(cli.tmpfile("# a first line is skipped\nprint('ran')\n")))
eq("a first line starting with #", out, "ran\n")
cli.finish()
