-- A SystemExit that a callback raises (call_soon, a timer, a done callback)
-- ends the REPL session, as `python -m asyncio` leaves when its loop lets
-- `loop.call_soon(sys.exit)` out: the input running is cancelled (its
-- cleanup runs), the pending tasks are cancelled as exit() cancels them,
-- and the status is the exception's (a text is printed, status 1). A
-- KeyboardInterrupt from a callback is a Ctrl-C, as `python -m asyncio`
-- takes it: the input running is cancelled, KeyboardInterrupt printed, and
-- the REPL goes on.
local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local run, eq, has, finish = cli.run, cli.eq, cli.has, cli.finish

-- during an input that awaits
local out, err, code = run('"$L" -i', [[
bg = asyncio.spawn(function() await(asyncio.sleep(30)) end)
asyncio.get_running_loop():call_later(0.1, function() error(asyncio.SystemExit(3)) end)
local _ <close> = setmetatable({}, { __close = function() print("input cleanup") end }) await(asyncio.sleep(10))
print("not reached")
]])
eq("during an input: status", code, 3)
has("during an input: its cleanup ran", out, "input cleanup\n")
has("during an input: the pending task cancelled", out, "cancelled 1 pending task\n")
eq("during an input: nothing after it ran", out:find("not reached", 1, true), nil)
eq("during an input: stderr", err, "")

-- a done callback's, with a text: printed, status 1
out, err, code = run('"$L" -i', [[
f = asyncio.Future() f:add_done_callback(function() error(asyncio.SystemExit("bye")) end) f:set_result(1) await(asyncio.sleep(1))
print("not reached")
]])
eq("done callback: status", code, 1)
eq("done callback: stderr", err, "bye\n")
eq("done callback: nothing after it ran", out:find("not reached", 1, true), nil)

-- KeyboardInterrupt from a callback: the input is cancelled, as by Ctrl-C
out, err, code = run('"$L" -i', [[
asyncio.get_running_loop():call_soon(function() error(asyncio.KeyboardInterrupt()) end) await(asyncio.sleep(1)) print("not " .. "reached")
print("goes on")
]])
eq("KeyboardInterrupt: status", code, 0)
eq("KeyboardInterrupt: printed as for Ctrl-C", err, "KeyboardInterrupt\n")
eq("KeyboardInterrupt: the input was cancelled", out:find("not reached", 1, true), nil)
has("KeyboardInterrupt: the REPL goes on", out, "goes on\n")
finish()
