-- Started with stdin, stdout or stderr closed (cron, daemons: `<&-`), luasync
-- runs normally: libuv's own descriptors must not take fds 0-2.
local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local run, eq, finish = cli.run, cli.eq, cli.finish

for _, redirect in ipairs({ "<&-", ">&-", "2>&-" }) do
  local _, _, code = run([["$L" -e 'await(asyncio.sleep(0.01)) io.stderr:write("")' ]] .. redirect, nil, 5)
  eq("exit status with " .. redirect, code, 0)
end
local out, _, code = run([["$L" -e 'print(io.read("l"))' <&-]], nil, 5)
eq("stdin closed: reads nothing", out, "nil\n")
eq("stdin closed: status", code, 0)
finish()
