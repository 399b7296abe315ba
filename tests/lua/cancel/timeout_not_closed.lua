-- asyncio.timeout() without <close> that expires: the task gets a bare
-- CancelledError where it waits (Lua cannot tell, when the timeout expires,
-- whether a <close> will turn it into TimeoutError). The RuntimeError that
-- says the scope was never closed, when the task ends, names that line too,
-- so a CancelledError caught and printed long before is tied to its
-- timeout; and it is reported with the line that made the timeout.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local waits = async(function()
  await(asyncio.sleep(0.05))  -- line 11: where the expiry hits
end)

local t = asyncio.spawn(function()
  local cm = asyncio.timeout(0.01)  -- line 15: no <close>
  local ok, e = pcall(await, waits())
  eq("a bare CancelledError", asyncio.CancelledError:is(e) and tostring(e), "CancelledError")
  await(asyncio.sleep(0.05))
  return "went on"
end)
local ok, e = pcall(await, t)
eq("the task fails", ok, false)
eq("a RuntimeError", asyncio.RuntimeError:is(e), true)
eq("its text", e.message, "asyncio.timeout() at timeout_not_closed.lua:15 was never closed: when it expired, " ..
  "the task got a bare CancelledError at timeout_not_closed.lua:11; write `local _ <close> = " ..
  "asyncio.timeout(...)` so that its expiry raises TimeoutError where the scope ends")

-- The explorer's script: the CancelledError is caught and printed; at the
-- end, the report says where it came from, with a traceback.
local script = cli.tmpfile([[
local cm = asyncio.timeout(0.01)
local ok, e = pcall(await, asyncio.sleep(0.05))
print("sleep raised:", ok, e)
await(asyncio.sleep(0.05))
print("reached the end")
]])
local out, err, code = cli.run("$L --clock=virtual " .. cli.quote(script))
eq("script: stdout", out, "sleep raised:\tfalse\tCancelledError\nreached the end\n")
eq("script: status", code, 1)
eq("script: the report", err, "luasync: RuntimeError: asyncio.timeout() at " .. script .. ":1 was never closed: " ..
  "when it expired, the task got a bare CancelledError at " .. script .. ":2; write `local _ <close> = " ..
  "asyncio.timeout(...)` so that its expiry raises TimeoutError where the scope ends\n" ..
  "stack traceback:\n  task 'Task-1':\n\t" .. script .. ":1: in main chunk\n")

-- timeout_at the same; with <close>, TimeoutError as before.
t = asyncio.spawn(function()
  local cm = asyncio.timeout_at(asyncio.get_running_loop():time() + 0.01)
  await(asyncio.sleep(0.05))
end)
ok, e = pcall(await, t)
has("timeout_at", tostring(e), "asyncio.timeout_at() at timeout_not_closed.lua:47 was never closed: when it expired, " ..
  "the task got a bare CancelledError at timeout_not_closed.lua:48;")
ok, e = pcall(function()
  local _ <close> = asyncio.timeout(0.01)
  await(asyncio.sleep(0.05))
end)
eq("with <close>: TimeoutError", tostring(e), "TimeoutError")

cli.finish()
