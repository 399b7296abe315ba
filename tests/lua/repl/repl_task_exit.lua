-- A SystemExit that a background task raises ends the REPL session, as
-- `python -m asyncio` leaves when a task's SystemExit comes out of its loop
-- (`raise SystemExit(3)` in a task: status 3, nothing reported), and as a
-- callback's does here (repl_callback_exit.lua): the input running is
-- cancelled (its cleanup runs), the pending tasks are cancelled as exit()
-- cancels them, and the status is the exception's. Nothing says "Task
-- exception was never retrieved". A KeyboardInterrupt that a background
-- task raises is a Ctrl-C, as `python -m asyncio` takes it: the input
-- running is cancelled, KeyboardInterrupt printed, and the REPL goes on.
-- The REPL runs on the real clock: at the prompt, time runs at real speed.
local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local run, eq, has, finish = cli.run, cli.eq, cli.has, cli.finish

-- during an input that awaits
local out, err, code = run('"$L" -i', [[
bg = asyncio.spawn(function() await(asyncio.sleep(30)) end)
asyncio.spawn(function() await(asyncio.sleep(0.1)) error(asyncio.SystemExit(3)) end)
local _ <close> = setmetatable({}, { __close = function() print("input cleanup") end }) await(asyncio.sleep(10))
print("not reached")
]])
eq("during an input: status", code, 3)
has("during an input: its cleanup ran", out, "input cleanup\n")
has("during an input: the pending task cancelled", out, "cancelled 1 pending task\n")
eq("during an input: nothing after it ran", out:find("not reached", 1, true), nil)
eq("during an input: stderr", err, "")

-- at the prompt: exit("bye") in a task, while the REPL waits for a line
out, err, code = run([[
{ printf '%s\n' 'asyncio.spawn(function() await(asyncio.sleep(0.2)) exit("bye") end)'
  sleep 2; printf '%s\n' 'print("not reached")' 2>/dev/null; } | "$L" -i
]])
eq("at the prompt: status", code, 1)
eq("at the prompt: stderr", err, "bye\n")
eq("at the prompt: nothing after it ran", out:find("not reached", 1, true), nil)

-- a task the input awaits: the same
out, err, code = run('"$L" -i', [[
await(asyncio.gather(asyncio.spawn(function() error(asyncio.SystemExit(4)) end), asyncio.sleep(10)))
print("not reached")
]])
eq("awaited: status", code, 4)
eq("awaited: stderr", err, "")
eq("awaited: nothing after it ran", out:find("not reached", 1, true), nil)

-- KeyboardInterrupt from a task: the input is cancelled, as by Ctrl-C
out, err, code = run('"$L" -i', [[
bg = asyncio.spawn(function() await(asyncio.sleep(0.1)) error(asyncio.KeyboardInterrupt("ki")) end)
local _ <close> = setmetatable({}, { __close = function() print("input cleanup") end }) await(asyncio.sleep(10)) print("not " .. "reached")
print("goes on", bg:done(), bg:exception())
]])
eq("KeyboardInterrupt: status", code, 0)
eq("KeyboardInterrupt: printed as for Ctrl-C, not reported", err, "KeyboardInterrupt\n")
has("KeyboardInterrupt: the input's cleanup ran", out, "input cleanup\n")
eq("KeyboardInterrupt: the input was cancelled", out:find("not reached", 1, true), nil)
has("KeyboardInterrupt: the REPL goes on, the task holds its error", out, "goes on\ttrue\tKeyboardInterrupt: ki\n")

-- at the prompt: KeyboardInterrupt printed, the session goes on
out, err, code = run([[
{ printf '%s\n' 'asyncio.spawn(function() await(asyncio.sleep(0.2)) error(asyncio.KeyboardInterrupt()) end)'
  sleep 1; printf '%s\n' 'print("goes on")'; } | "$L" -i
]])
eq("KeyboardInterrupt at the prompt: status", code, 0)
eq("KeyboardInterrupt at the prompt: stderr", err, "KeyboardInterrupt\n")
has("KeyboardInterrupt at the prompt: the REPL goes on", out, "goes on\n")
finish()
