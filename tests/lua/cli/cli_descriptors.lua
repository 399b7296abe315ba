-- With too few file descriptors for the event loop (ulimit -n), luasync
-- exits 1 with a message naming the system's reason (EMFILE), instead of
-- aborting; with enough, it runs.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has
-- Descriptors the test runner left open would count against the limit:
-- the shell closes them first. (Below 6 the dynamic loader itself cannot
-- open libuv, before luasync runs.)
local CLOSE_INHERITED = 'for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done; '
for _, n in ipairs({ 6, 7, 8 }) do
  local out, err, code = cli.run(CLOSE_INHERITED .. ("ulimit -n %d; \"$L\" -e 'print(1)'"):format(n))
  eq("ulimit -n " .. n .. ": exit status", code, 1)
  eq("ulimit -n " .. n .. ": stdout", out, "")
  has("ulimit -n " .. n .. ": stderr", err, "luasync: cannot initialise the event loop: too many open files (EMFILE)")
end
local out, _, code = cli.run("ulimit -n 64; \"$L\" -e 'print(await(asyncio.sleep(0, 1)))'")
eq("ulimit -n 64: runs", out, "1\n")
eq("ulimit -n 64: exit status", code, 0)
cli.finish()
