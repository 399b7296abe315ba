-- A long function pasted at the prompt (`luasync -i` with the paste on
-- stdin; a terminal reads it the same way, line by line) is read in time
-- linear in its length for all the Lua code the REPL runs per line: each
-- line of an open block recompiles it all, as lua5.4 -i does, but the
-- rewriting of locals and the refusals wait for Lua's parser to say the
-- block may be complete. 3000 lines took 14 s of CPU; now well under 1 s.

local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local quote, tmpfile, run, fail = cli.quote, cli.tmpfile, cli.run, cli.fail
local eq, has, finish = cli.eq, cli.has, cli.finish

local N = 3000
local lines = { "function big()", "  local n = 0" }
for i = 1, N do lines[#lines + 1] = ("  n = n + %d  -- line %d"):format(1, i) end
lines[#lines + 1] = "  return n"
lines[#lines + 1] = "end"
lines[#lines + 1] = "big()"
local paste = tmpfile(table.concat(lines, "\n") .. "\n")

-- (bash's `times`: the CPU the children used, user then system, a shared
-- machine's load aside)
local out, err, code = run('timeout 15 "$L" -i <' .. quote(paste) .. ' >out.$$ 2>&1; c=$?; tail -3 out.$$; rm -f out.$$\n' ..
  'echo "status $c"; times', nil, 20)
eq("status", code, 0)
eq("stderr", err, "")
has("the pasted function ran", out, "> big()\n" .. N .. "\n> \nstatus 0\n")
local user_m, user_s, sys_m, sys_s = out:match("\n[^\n]*\n(%d+)m([%d.]+)s (%d+)m([%d.]+)s\n$")
local cpu = tonumber(user_m) * 60 + tonumber(user_s) + tonumber(sys_m) * 60 + tonumber(sys_s)
if cpu > 8 then fail("CPU time of the paste", ("%.1f s for %d lines"):format(cpu, N)) end
finish()
