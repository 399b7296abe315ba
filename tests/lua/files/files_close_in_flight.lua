-- Closing a File while a request on it still runs (its task was cancelled):
-- the descriptor closes only after that request, so a stale write never
-- lands in the file that reuses the number; a request still blocked at exit
-- (a FIFO's open waiting for a writer) neither hangs the exit nor crashes.
local cli = require "lib.cli"
local run, eq, has, tmpfile, quote = cli.run, cli.eq, cli.has, cli.tmpfile, cli.quote

local a, b = tmpfile(), tmpfile()
local script = tmpfile([[
local a = await(asyncio.open(arg[1], "w"))
local t = asyncio.create_task(function() await(a:write(string.rep("STALE", 200000))) end)
await(asyncio.sleep(0))
do local _ <close> = a end
t:cancel()
local b = await(asyncio.open(arg[2], "w"))
await(b:write("mine"))
await(b:close())
await(asyncio.sleep(0.3))
local c <close> = await(asyncio.open(arg[2]))
print(await(c:read()))
]])
-- one worker thread, so the stale write is still queued when b opens
local out, err, code = run("UV_THREADPOOL_SIZE=1 \"$L\" --clock=real " .. quote(script) .. " " .. quote(a) .. " " .. quote(b))
eq("close in flight: status", code, 0)
eq("close in flight: stderr", err, "")
eq("close in flight: b holds only its own bytes", out, "mine\n")

local fifo = tmpfile()
os.remove(fifo)
assert(os.execute("mkfifo " .. quote(fifo)))
local opener = tmpfile('print(pcall(await, asyncio.wait_for(asyncio.open(arg[1]), 0.2)))\nprint("end")\n')
out, err, code = run([["$L" --clock=real ]] .. quote(opener) .. " " .. quote(fifo), nil, 10)
eq("blocked at exit: status of the script", code, 0)
eq("blocked at exit: stdout", out, "false\tTimeoutError\nend\n")
has("blocked at exit: says so", err, "a file or name request was still running at exit")
-- os.exit while such a request (or a job of to_thread) still runs leaves at
-- once with its status, its output flushed; exit() would wait for ever
-- (libuv joins its threads).
local exiter = tmpfile('asyncio.spawn(function() pcall(await, asyncio.open(arg[1])) end)\n' ..
  'asyncio.spawn(function() await(asyncio.to_thread(time.sleep, 30)) end)\n' ..
  'await(asyncio.sleep(0.1))\nio.write("leaving")\nos.exit(3)\n')
local ms
out, err, code, ms = run([["$L" --clock=real ]] .. quote(exiter) .. " " .. quote(fifo), nil, 10)
eq("os.exit with a request blocked: status", code, 3)
eq("os.exit with a request blocked: stdout", out, "leaving")
eq("os.exit with a request blocked: stderr", err, "")
cli.check("os.exit with a request blocked: at once", ms < 5000, ms)
os.remove(fifo)
cli.finish()
