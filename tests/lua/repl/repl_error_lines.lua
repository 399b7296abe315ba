-- An error in an expression typed at the prompt names the input's own line
-- (stdin#1:1), not the line of the `)` the REPL closes it with; a trailing
-- comment still works.
local cli = require "lib.cli"
local out, err = cli.run('"$L" -i', "nothing.x\n1 + 1 -- a comment\nlocal t = {}\nt.a.b\n")
cli.has("a one-line expression: its line", err, "stdin#1:1: attempt to index a nil value (global 'nothing')")
cli.has("a trailing comment", out, "> 1 + 1 -- a comment\n2\n")
cli.has("an expression after other inputs", err, "stdin#4:1: attempt to index a nil value (field 'a')")
cli.finish()
