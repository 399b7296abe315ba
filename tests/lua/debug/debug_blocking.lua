-- clock: real
-- Debug mode names the blocking calls it knows when they made a step slow,
-- in real time: io.read and io.stdin:read on a slow stdin, os.execute,
-- reading io.popen's file, opening and reading a FIFO; advises a callback
-- as a callback; and says nothing of a quick one.
local cli = require "lib.cli"
local has, matches, eq, check = cli.has, cli.matches, cli.eq, cli.check
local function esc(s) return (s:gsub("%p", "%%%0")) end

-- (The pipe's writer starts with luasync: the wait is the 0.5 s less
-- luasync's start, which a sanitizer build makes slow.)
local _, err = cli.run("(sleep 0.5; echo hi) | $L --debug -e 'print(io.read())'")
matches("Executing line", err, "^Executing <Task finished name='Task%-1' [^\n]* took 0%.[1-5]%d%d seconds\n")
matches("io.read named", err, "\nio%.read%(%) blocked the event loop for 0%.[1-5]%d s in task 'Task%-1' at " ..
  "%(command line%):1; use asyncio%.stdin%(%) %(await%(reader:readline%(%)%)%) or asyncio%.to_thread\n$")

_, err = cli.run([[$L --debug -e 'os.execute("sleep 0.2")']])
has("os.execute named", err, 'os.execute("sleep 0.2") blocked the event loop for 0.2')
has("its advice", err, "; use asyncio.create_subprocess_shell and await(p:wait())\n")

_, err = cli.run([[$L --debug -e 'local f = io.popen("sleep 0.2; echo x"); f:read("a"); f:close()']])
has("io.popen's file named", err, 'io.popen(...):read("a") blocked the event loop for 0.2')
has("its advice", err, "; use asyncio.create_subprocess_shell with stdout = asyncio.subprocess.PIPE\n")

-- Several blocking calls in one step: each is named, in the order they ran.
_, err = cli.run([[$L --debug -e 'os.execute("sleep 0.3"); os.execute("sleep 0.15")']])
matches("two calls, both named, in order", err, '^Executing [^\n]* took [01]%.%d%d%d seconds\n' ..
  'os%.execute%("sleep 0%.3"%) blocked the event loop for 0%.[3-6]%d s[^\n]*\n' ..
  'os%.execute%("sleep 0%.15"%) blocked the event loop for 0%.[1-4]%d s[^\n]*\n$')

-- Many: the first five named, the rest counted.
_, err = cli.run([[$L --debug -e 'for i = 1, 25 do os.execute("sleep 0.011") end']])
eq("many calls: five named", select(2, err:gsub('os%.execute%("sleep 0%.011"%) blocked', "")), 5)
has("many calls: the rest counted", err, "\n... and 20 more blocking calls\n")

-- io.stdin:read is stdin's reader too: the same advice as io.read's.
_, err = cli.run("(sleep 0.3; echo hi) | $L --debug -e 'print(io.stdin:read(\"l\"))'")
matches("io.stdin:read named, with stdin's advice", err, "\nio%.stdin:read%(\"l\"%) blocked the event loop for " ..
  "0%.[1-5]%d s in task 'Task%-1' at %(command line%):1; use asyncio%.stdin%(%) %(await%(reader:readline%(%)%)%) " ..
  "or asyncio%.to_thread\n$")

-- In a callback, which cannot await, the advice is a task's, in a task.
_, err = cli.run([[$L --debug -e 'asyncio.get_running_loop():call_soon(function() time.sleep(0.15) end)
await(asyncio.sleep(0.3))']])
matches("a callback's call", err, "^Executing <Handle [^\n]*> took 0%.1%d%d seconds\n" ..
  "time%.sleep%(0%.15%) blocked the event loop for 0%.1%d s at %(command line%):1; a callback cannot await: do " ..
  "this in a task %(asyncio%.create_task%) and there use await%(asyncio%.sleep%(0%.15%)%) or asyncio%.to_thread\n$")

-- Opening a FIFO waits for its writer: io.open and io.lines are named, and
-- reading the file a line at a time.
local fifo = cli.tmpfile()
os.remove(fifo)
assert(os.execute("mkfifo " .. cli.quote(fifo)))
_, err = cli.run(([[export F=%s; (sleep 0.3; echo hi > $F; sleep 0.3; echo ho > $F; sleep 0.1; (echo a; sleep 0.2; echo b) > $F) &
$L --debug -e 'local f = io.open(os.getenv("F")); f:read("a"); f:close()
for l in io.lines(os.getenv("F")) do end
for l in io.lines(os.getenv("F")) do end']]):format(cli.quote(fifo)))
os.remove(fifo)
local q = esc(fifo)
matches("io.open of a FIFO", err, "\nio%.open%(\"" .. q .. "\"%) blocked the event loop for 0%.[2-5]%d s in task " ..
  "'Task%-1' at %(command line%):1; use await%(asyncio%.open%(\"" .. q .. "\"%)%)\n")
matches("io.lines of a FIFO", err, "\nio%.lines%(\"" .. q .. "\"%) blocked the event loop for 0%.[2-5]%d s in task " ..
  "'Task%-1' at %(command line%):2; use asyncio%.open %(local f = await%(asyncio%.open%(\"" .. q .. "\"%)%)%) " ..
  "and for line in f:lines%(%)\n")
matches("a line read from it", err, "\nio%.lines%(\"" .. q .. "\"%) blocked the event loop for 0%.[1-4]%d s in task " ..
  "'Task%-1' at %(command line%):3; ")

-- A script with no task of its own blocks as one step of the main task,
-- which is shown as the script, defined at its first line (not as the
-- runtime's function that runs it).
local script = cli.tmpfile("local x = 1\ntime.sleep(0.15)\n")
_, err = cli.run("$L --debug " .. cli.quote(script))
matches("a synchronous script: its main task", err, "^Executing <Task finished name='Task%-1' coro=<" ..
  esc(script) .. "%(%) done, defined at " .. esc(script) .. ":1> result=nil> took 0%.1%d%d seconds\n" ..
  "time%.sleep%(0%.15%) blocked the event loop for 0%.1%d s in task 'Task%-1' at " .. esc(script) .. ":2; ")
_, err = cli.run("$L --debug -e 'time.sleep(0.15)'")
has("the command line's", err, "coro=<(command line)() done, defined at (command line):1> result=nil>")

local out
out, err = cli.run([[$L --debug -e 'local f = io.open("/proc/self/stat"); print(#f:read("a") > 0); f:close(); os.execute("true")']])
eq("quick calls: nothing", err, "")
eq("and the program ran", out, "true\n")

-- Without debug mode, the same calls are not watched.
_, err = cli.run([[$L -e 'os.execute("sleep 0.2")']])
eq("off", err, "")
cli.finish()

-- Under the virtual clock too: blocking and computing move no virtual time,
-- yet they block the loop, and debug mode says so with the time they took
-- (the program itself, on the virtual clock, printed 0.00 s waited).
local out
out, err = cli.run([[$L --debug --clock=virtual -e '
local t0 = time.perf_counter()
local spin = async(function() os.execute("sleep 0.2") end)
await(asyncio.create_task(spin()))
print(("waited %.2f s"):format(time.perf_counter() - t0))']])
eq("the virtual clock moved not", out, "waited 0.00 s\n")
matches("virtual clock: the slow step reported with its real time", err,
  "^Executing <Task finished name='Task%-2' [^\n]* took 0%.[2-9]%d%d seconds\n")
has("virtual clock: os.execute named", err, 'os.execute("sleep 0.2") blocked the event loop for 0.')
-- A virtual time.sleep is counted as before: it is what the step took on the
-- program's own clock.
out, err = cli.run([[$L --debug --clock=virtual -e 'time.sleep(0.5); print(time.monotonic() > 0)']])
matches("virtual time.sleep: reported", err, "^Executing <Task finished name='Task%-1' [^\n]* took 0%.5%d%d seconds\n")

-- Debug mode turned on during a step that is timed for a trace: its end is
-- measured from its start, not from a work clock never read (a report of
-- the machine's uptime, "took 4599.020 seconds").
for _, clock in ipairs({ "real", "virtual" }) do
  out, err = cli.run("$L --clock=" .. clock .. [[ --timeline -e '
local main = async(function()
  asyncio.get_running_loop():set_debug(true)
  await(asyncio.sleep(0))
end)
asyncio.run(main()); print("done")']])
  eq(clock .. " clock: debug mode on during a traced step: the program", out, "done\n")
  check(clock .. " clock: debug mode on during a traced step: no slow step", not err:find("Executing", 1, true), err)
end
