-- Ctrl-C (SIGINT) with loop:add_signal_handler: while a handler is
-- registered, SIGINT runs it and cancels nothing; once it is removed, Ctrl-C
-- is luasync's again (KeyboardInterrupt in the main task, status 130), not
-- the default action libuv leaves behind.
local cli = require "lib.cli"
local run, eq, has, tmpfile, quote = cli.run, cli.eq, cli.has, cli.tmpfile, cli.quote

local script = tmpfile([[
local loop = asyncio.get_running_loop()
local f = assert(io.open("/proc/self/stat"))
local pid = f:read("n")
f:close()
local n = 0
loop:add_signal_handler("SIGINT", function() n = n + 1 end)
os.execute("(sleep 0.1; kill -INT " .. pid .. ") &")
await(asyncio.sleep(0.5))
print("handled", n)
print("removed", loop:remove_signal_handler("SIGINT"))
os.execute("(sleep 0.1; kill -INT " .. pid .. ") &")
local ok, e = pcall(await, asyncio.sleep(0.5))
print("then", ok, asyncio.CancelledError:is(e))
error(e, 0)
]])
local out, err, code = run([["$L" --clock=real ]] .. quote(script))
eq("stdout", out, "handled\t1\nremoved\ttrue\nthen\tfalse\ttrue\n")
eq("status: Ctrl-C's", code, 130)
has("KeyboardInterrupt", err, "KeyboardInterrupt")
-- a signal gets back the action it had before its handler: SIGHUP, ignored
-- by the parent, is still ignored after add and remove (libuv would leave
-- the default action, which ends the program)
script = tmpfile([[
local loop = asyncio.get_running_loop()
local f = assert(io.open("/proc/self/stat"))
local pid = f:read("n")
f:close()
loop:add_signal_handler("SIGHUP", function() end)
loop:remove_signal_handler("SIGHUP")
os.execute("(sleep 0.1; kill -HUP " .. pid .. ") &")
await(asyncio.sleep(0.4))
print("still here")
]])
out, err, code = run([[trap '' HUP; "$L" --clock=real ]] .. quote(script))
eq("SIGHUP ignored before: status", code, 0)
eq("SIGHUP ignored before: still ignored after the handler went", out, "still here\n")
cli.finish()
