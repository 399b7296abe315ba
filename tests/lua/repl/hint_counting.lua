-- Python counts a list's positions from 0, Lua from 1: for i in
-- range(len(t)): is told for i = 1, #t do (not from 0, and with Lua's #, not
-- len), and the hinted loop visits every item; len(t) is told #t; t[0] and
-- t[-1] read nil, and the error that follows (server.sockets[0]:getsockname())
-- gets the 1-based hint.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  't = {10, 20, 30}',
  'for i in range(len(t)):',
  'for i = 0, len(t) - 1 do print(t[i]) end',
  'for i in range(1, len(t)):',
  'for i = 1, #t do print(i, t[i]) end',
  'print(t[0] + 1)',
  'print(t[-1] + 1)',
  'server = await(asyncio.start_server(function() end, "127.0.0.1", 0))',
  'server.sockets[0]:getsockname()',
  'print(math.type(select(2, server.sockets[1]:getsockname())))',
  '',
}, "\n"))
eq("exit status", code, 0)
has("range(len(t))", err, "stdin#2:1: <name> expected near <eof>\nhint: Lua's lists count from 1, and its for " ..
  "counts both ends: for i = 1, #t do ... end (or for i, x in ipairs(t) do ... end)\n")
has("len(t)", err, "stdin#3:1: attempt to call a nil value (global 'len')")
has("len(t): its hint", err, "hint: Lua's length operator is #: #t\n")
has("range(1, len(t))", err, "stdin#4:1: <name> expected near <eof>\nhint: Lua's for counts both ends: " ..
  "for i = 1, #t - 1 do ... end\n")
has("the hinted loop", out, "\n1\t10\n2\t20\n3\t30\n")
has("t[0]", err, "stdin#6:1: attempt to perform arithmetic on a nil value (field 'integer index')\n")
has("t[0]: its hint", err, "hint: Lua's lists count from 1: the first item is t[1] (t[0] is nil)\n")
has("t[-1]: its hint", err, "hint: Lua's lists count from 1, and a negative index is no position: the last item " ..
  "is t[#t]\n")
has("sockets[0]", err, "stdin#9:1: attempt to index a nil value (field 'integer index')")
has("sockets[0]: its hint", err, "hint: Lua's lists count from 1: the first item is server.sockets[1] " ..
  "(server.sockets[0] is nil)\n")
has("the hinted socket", out, "\ninteger\n")
cli.finish()
