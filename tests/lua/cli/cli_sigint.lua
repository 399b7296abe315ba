-- Ctrl-C during a script: the first SIGINT cancels the main task (its
-- <close> cleanup runs, `KeyboardInterrupt` on stderr, status 130); a second
-- one exits at once with `KeyboardInterrupt`, even while cleanup is still
-- awaiting. The script runs in the background of a bash -c (10 s timeout,
-- leftovers killed); the test polls its output for "started" instead of
-- sleeping a fixed time.

local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set")

local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local quote, tmpfile, slurp, run, show, fail = cli.quote, cli.tmpfile, cli.slurp, cli.run, cli.show, cli.fail
local eq, has, matches, finish = cli.eq, cli.has, cli.matches, cli.finish

-- Runs `source` in the background, waits for `first` on its stdout, sends
-- SIGINT; if `second` is given, waits for it and sends SIGINT again. Answers
-- the script's stdout, stderr, status, and ms from the last SIGINT to its exit.
local function interrupt(what, source, first, second)
  local s, p = tmpfile(source), tmpfile("")
  local function wait_for(text)
    return ("for i in $(seq 300); do grep -qF %s %s && break; sleep 0.01; done\n"):format(quote(text), p)
  end
  local out, err, code = run(
    '"$L" ' .. s .. " >" .. p .. " &\npid=$!\ntrap 'kill -KILL $pid 2>/dev/null' EXIT\n" ..
    wait_for(first) .. "kill -INT $pid\n" ..
    (second and (wait_for(second) .. "sleep 0.3\nkill -INT $pid\n") or "") ..
    "t0=$(date +%s%N)\nwait $pid\nst=$?\nt1=$(date +%s%N)\n" ..
    "echo \"status $st ms $(( (t1 - t0) / 1000000 ))\"\n")
  if code ~= 0 then fail(what .. ": the bash driver failed or timed out", ("status %d"):format(code)) end
  local status, ms = out:match("status (%d+) ms (%d+)")
  return slurp(p), err, tonumber(status), tonumber(ms)
end

-- one Ctrl-C while the main task sleeps: cleanup, KeyboardInterrupt, 130
local out, err, status, ms = interrupt("one Ctrl-C", [[
print("started")
local _ <close> = setmetatable({}, {__close = function() print("cleanup ran") end})
await(asyncio.sleep(30))
print("not reached")
]], "started")
eq("one Ctrl-C: status", status, 130)
eq("one Ctrl-C: stdout", out, "started\ncleanup ran\n")
has("one Ctrl-C: KeyboardInterrupt on stderr", err, "KeyboardInterrupt")
if not ms or ms > 2000 then fail("one Ctrl-C: prompt exit", ("took %s ms"):format(ms)) end

-- one Ctrl-C during a blocking time.sleep: it ends at once with
-- KeyboardInterrupt raised inside it (as Python's time.sleep), cleanup runs
out, err, status, ms = interrupt("Ctrl-C in time.sleep", [[
print("started")
local _ <close> = setmetatable({}, {__close = function() print("cleanup ran") end})
time.sleep(30)
print("not reached")
]], "started")
eq("Ctrl-C in time.sleep: status", status, 130)
eq("Ctrl-C in time.sleep: stdout", out, "started\ncleanup ran\n")
has("Ctrl-C in time.sleep: KeyboardInterrupt on stderr", err, "KeyboardInterrupt")
if not ms or ms > 2000 then fail("Ctrl-C in time.sleep: prompt exit", ("took %s ms"):format(ms)) end

-- one Ctrl-C during a read of a stdin that has nothing yet (io.read(),
-- io.lines()): the read ends at once with KeyboardInterrupt raised inside
-- it (as Python's input()), cleanup runs; a program that catches it goes on,
-- and the Ctrl-C is used up (not raised again by the hook for busy code)
local function interrupt_read(what, source)
  local s, p = tmpfile(source), tmpfile("")
  local driver_out, driver_err, code = run(table.concat({
    "fifo=" .. p .. ".fifo; mkfifo $fifo",
    "sleep 5 >$fifo & writer=$!",
    "trap 'kill $writer 2>/dev/null; rm -f $fifo' EXIT",
    '"$L" ' .. s .. " <$fifo >" .. p .. " &",
    "pid=$!",
    "for i in $(seq 300); do grep -qF started " .. p .. " && break; sleep 0.01; done",
    "sleep 0.2",
    "kill -INT $pid",
    "t0=$(date +%s%N)",
    "wait $pid",
    "st=$?",
    "t1=$(date +%s%N)",
    'echo "status $st ms $(( (t1 - t0) / 1000000 ))"',
  }, "\n"), nil, 20)
  eq(what .. ": the driver", code, 0)
  local st, took = driver_out:match("status (%d+) ms (%d+)")
  if not took or tonumber(took) > 2000 then fail(what .. ": prompt exit", ("took %s ms"):format(took)) end
  return slurp(p), driver_err, tonumber(st)
end
local cleanup = 'local _ <close> = setmetatable({}, {__close = function() print("cleanup ran") end})\n'
out, err, status = interrupt_read("Ctrl-C in io.read", 'print("started")\n' .. cleanup .. 'print("got", io.read())\n')
eq("Ctrl-C in io.read: status", status, 130)
eq("Ctrl-C in io.read: stdout", out, "started\ncleanup ran\n")
has("Ctrl-C in io.read: KeyboardInterrupt on stderr", err, "KeyboardInterrupt")
out, err, status = interrupt_read("Ctrl-C in io.lines", 'print("started")\n' .. cleanup ..
  'for l in io.lines() do print("line", l) end\n')
eq("Ctrl-C in io.lines: status", status, 130)
eq("Ctrl-C in io.lines: stdout", out, "started\ncleanup ran\n")
out, err, status = interrupt_read("Ctrl-C in io.read, caught", 'print("started")\nprint(pcall(io.read))\n' ..
  'for i = 1, 3e6 do end\nawait(asyncio.sleep(0.2))\nprint("went on")\n')
eq("Ctrl-C in io.read, caught: status", status, 0)
eq("Ctrl-C in io.read, caught: raised once", out, "started\nfalse\tKeyboardInterrupt\nwent on\n")

-- one Ctrl-C in a busy loop that never yields: the hook raises
-- KeyboardInterrupt in it (no second Ctrl-C needed), cleanup runs
out, err, status, ms = interrupt("Ctrl-C in a busy loop", [[
print("started")
local _ <close> = setmetatable({}, {__close = function() print("cleanup ran") end})
while true do end
]], "started")
eq("Ctrl-C in a busy loop: status", status, 130)
eq("Ctrl-C in a busy loop: stdout", out, "started\ncleanup ran\n")
has("Ctrl-C in a busy loop: KeyboardInterrupt on stderr", err, "KeyboardInterrupt")
if not ms or ms > 2000 then fail("Ctrl-C in a busy loop: prompt exit", ("took %s ms"):format(ms)) end

-- one Ctrl-C while the shutdown waits for a task that swallows its
-- cancellation: the program ends (as CPython's asyncio.run does)
out, err, status, ms = interrupt("Ctrl-C during shutdown", [[
asyncio.spawn(function()
  while true do pcall(await, asyncio.sleep(100)) print("swallowed") end
end)
await(asyncio.sleep(0.1))
print("main done")
]], "swallowed")
eq("Ctrl-C during shutdown: status", status, 130)
has("Ctrl-C during shutdown: KeyboardInterrupt on stderr", err, "KeyboardInterrupt")
if not ms or ms > 2000 then fail("Ctrl-C during shutdown: prompt exit", ("took %s ms"):format(ms)) end

-- one Ctrl-C while asyncio.run's cleanup waits for a leftover task: the
-- program ends with KeyboardInterrupt, as CPython's asyncio.run lets it out
-- of its cleanup (the cleanup's wait took the cancellation, and the script
-- went on after run with status 0)
out, err, status, ms = interrupt("Ctrl-C during asyncio.run's cleanup", [[
asyncio.run(async(function()
  asyncio.spawn(function()
    pcall(await, asyncio.sleep(100))
    print("started")
    print("cancelled again", not pcall(await, asyncio.sleep(100)))
  end)
  await(asyncio.sleep(0.1))
end)())
print("not reached")
]], "started")
eq("Ctrl-C during asyncio.run's cleanup: status", status, 130)
eq("Ctrl-C during asyncio.run's cleanup: stdout", out, "started\ncancelled again\ttrue\n")
has("Ctrl-C during asyncio.run's cleanup: KeyboardInterrupt on stderr", err, "KeyboardInterrupt")

-- the cancellation goes down the chain of awaits: the awaited task cleans up first
out, err, status, ms = interrupt("Ctrl-C with a child task", [[
local child = async(function()
  local _ <close> = setmetatable({}, {__close = function() print("child cleanup") end})
  print("started")
  await(asyncio.sleep(30))
end)
local other = asyncio.spawn(function()
  local ok, e = pcall(await, asyncio.sleep(30))
  print("other task", ok, asyncio.CancelledError:is(e))
end)
local _ <close> = setmetatable({}, {__close = function() print("main cleanup") end})
await(asyncio.create_task(child()))
]], "started")
eq("Ctrl-C with a child task: status", status, 130)
eq("Ctrl-C with a child task: stdout", out, "started\nchild cleanup\nmain cleanup\nother task\tfalse\ttrue\n")
has("Ctrl-C with a child task: KeyboardInterrupt on stderr", err, "KeyboardInterrupt")
if not ms or ms > 2000 then fail("Ctrl-C with a child task: prompt exit", ("took %s ms"):format(ms)) end

-- a second Ctrl-C while the cleanup still awaits: exit at once, 130
out, err, status, ms = interrupt("two Ctrl-C", [[
print("started")
local _ <close> = setmetatable({}, {__close = function()
  print("cleanup started")
  await(asyncio.sleep(30))
  print("cleanup finished")
end})
await(asyncio.sleep(30))
]], "started", "cleanup started")
eq("two Ctrl-C: status", status, 130)
eq("two Ctrl-C: stdout", out, "started\ncleanup started\n")
-- (CPython's second Ctrl-C raises KeyboardInterrupt, and its traceback ends
-- the program: here its name alone, as for the first Ctrl-C)
eq("two Ctrl-C: stderr", err, "KeyboardInterrupt\n")
if not ms or ms > 1000 then fail("two Ctrl-C: prompt exit after the second", ("took %s ms"):format(ms)) end

-- a second Ctrl-C also ends a script stuck in a busy loop that caught the
-- first one's KeyboardInterrupt (which stops a plain busy loop already)
out, err, status, ms = interrupt("two Ctrl-C, busy loop", [[
print("started")
while true do
  print(pcall(function() while true do end end))
end
]], "started", "KeyboardInterrupt")
eq("two Ctrl-C, busy loop: status", status, 130)
eq("two Ctrl-C, busy loop: the first was caught", out, "started\nfalse\tKeyboardInterrupt\n")
eq("two Ctrl-C, busy loop: stderr", err, "KeyboardInterrupt\n")
if not ms or ms > 1000 then fail("two Ctrl-C, busy loop: prompt exit after the second", ("took %s ms"):format(ms)) end

-- Ctrl-C in a busy loop, caught: a hook the program set (a profiler, a
-- coverage tool) is back on once Ctrl-C's own hook has raised.
out, err, status = interrupt("Ctrl-C caught, the program's hook", [[
local calls = 0
local function count() calls = calls + 1 end
debug.sethook(count, "", 1000)
print("started")
print(pcall(function() while true do end end))
local before = calls
for _ = 1, 100000 do end
print(debug.gethook() == count, calls > before)
]], "started")
eq("Ctrl-C caught, the program's hook: status", status, 0)
eq("Ctrl-C caught, the program's hook: stdout", out, "started\nfalse\tKeyboardInterrupt\ntrue\ttrue\n")

finish()
