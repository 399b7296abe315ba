-- Lua 5.4.4 (Debian 12's) crashes when the stack moves during a __concat
-- metamethod (luaV_concat sets the top from a stale pointer; fixed in
-- 5.4.5). A five-line REPL session did (exit 139). The REPL's inputs and a
-- script's main chunk keep a stack reserve, so neither crashes: at once,
-- deep in recursion, or after the collector ran (it shrinks stacks).
-- Runs under AddressSanitizer too (the sanitizer build runs every test).
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local session = table.concat({
  "mt = {}",
  "mt.__concat = function(a, b) return tostring(a) .. tostring(b) end",
  "mt.__tostring = function(s) return s.value end",
  "o = setmetatable({value = 'O'}, mt)",
  "x = o .. 's' .. o",
  "print(x)",
  "function deep(n) if n == 0 then return o .. 's' .. o end return deep(n - 1) end",
  "for i = 1, 300 do assert(deep(i) == 'OsO') end",
  "for r = 1, 20 do local junk = {} for i = 1, 20000 do junk[i] = {i} end assert(deep(r * 7) == 'OsO') end",
  "print('deep ok')",
  "",
}, "\n")
local out, err, code = cli.run('"$L" -i', session, 60)
eq("REPL: status", code, 0)
has("REPL: the five lines", out, "\nOsO\n")
has("REPL: deep and after collections", out, "\ndeep ok\n")
eq("REPL: stderr", err, "")

local script = cli.tmpfile(session)
out, err, code = cli.run('"$L" ' .. cli.quote(script), nil, 60)
eq("script: status", code, 0)
eq("script: output", out, "OsO\ndeep ok\n")
cli.finish()
