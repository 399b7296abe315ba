-- help(x) of what has no entry: a function or library of Lua's own is
-- named, with where the Lua manual documents it (help(print),
-- help(string.format), help(string)); a nil is named by the text of the
-- argument, with the name it may have meant ("did you mean", as for an
-- error); anything else is named beside its value. At the prompt, where
-- help is. In English (LC_ALL=C, whatever the environment says):
-- help_japanese.lua checks the Japanese notes.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local MANUAL = "https://www.lua.org/manual/5.4/manual.html#"
local NO_DOC = "help() gives a tour; help(asyncio) lists the documented names.\n"
local out, err, code = cli.run('LC_ALL=C "$L" -i', table.concat({
  'help(print)', 'help(string.format)', 'help( table.unpack )', 'help(string)', 'help(asyncio.gahter)',
  'help(asyncio.foo)', 'help(pirnt)', 'local later = nil', 'help(later)', 'help(nil)', 'f = function() end', 'help(f)',
  'help(42)', 'print = function() end', 'help(print)', '',
}, "\n"))
eq("REPL: exit status", code, 0)
eq("REPL: stderr", err, "")
has("print", out, "> help(print)\nprint is Lua's own function, not asyncio's: the Lua manual documents it, " ..
  MANUAL .. "pdf-print\n")
has("string.format", out, "> help(string.format)\nstring.format is Lua's own function, not asyncio's: the Lua " ..
  "manual documents it, " .. MANUAL .. "pdf-string.format\n")
has("table.unpack", out, "table.unpack is Lua's own function, not asyncio's: the Lua manual documents it, " ..
  MANUAL .. "pdf-table.unpack\n")
has("string", out, "> help(string)\nstring is Lua's string library: the Lua manual documents it, " .. MANUAL .. "6.4\n")
has("a misspelt field of asyncio", out,
  "> help(asyncio.gahter)\nasyncio.gahter is nil: did you mean asyncio.gather? " ..
  NO_DOC)
has("a field asyncio lacks", out, "> help(asyncio.foo)\nasyncio.foo is nil. " .. NO_DOC)
has("a misspelt global", out, "> help(pirnt)\npirnt is nil: did you mean print? " .. NO_DOC)
has("a REPL local that is nil", out, "> help(later)\nlater is nil. " .. NO_DOC)
has("nil itself", out, "> help(nil)\nNo documentation for nil. " .. NO_DOC)
cli.matches("a function of the user's", out, "> help%(f%)\nNo documentation for f %(function: 0x%x+%)%. help")
has("a number", out, "> help(42)\nNo documentation for 42. " .. NO_DOC)
cli.matches("a global that replaced print", out,
  "> help%(print%)\nNo documentation for print %(function: 0x%x+%)%. help")

-- Two help calls on one line: neither nil is named by the other's text.
out = cli.run('LC_ALL=C "$L" -i', "help(xx) help(yy)\n")
has("two calls on a line", out, "> help(xx) help(yy)\nNo documentation for nil. " .. NO_DOC .. "No documentation for nil. ")

-- The REPL's own commands are documented.
out = cli.run('LC_ALL=C "$L" -i', "help(tasks)\nhelp(timeline)\nhelp(exit)\nhelp(help)\n")
has("tasks", out, "> help(tasks)\ntasks() lists the live tasks but the REPL's own")
has("timeline", out, "> help(timeline)\ntimeline() draws what the tasks did")
has("exit", out, "> help(exit)\nexit([status]) leaves the REPL, as Ctrl-D does")
has("help", out, "> help(help)\nhelp() gives a short tour of asyncio in luasync")
cli.finish()
