-- Debug mode's slow-callback report ("Executing <Handle ...> took N
-- seconds") of callbacks that run in one turn of the loop, on the virtual
-- clock (time.sleep moves it: the times are exact):
-- - a slow callback's report names its own blocking calls only, not those
--   of a quick callback that ran just before it (on the virtual clock that
--   one's call ended as this one began);
-- - a descriptor's reader and writer ready in the same turn (add_reader and
--   add_writer on one descriptor: a FIFO opened for reading and writing, as
--   a socket would be) are timed each, as CPython 3.13 times each handle:
--   only a slow one is reported, with its own time, as it stands when it
--   ended (a reader the writer removes afterwards is not shown cancelled);
--   a writer the reader removed does not run. CPython, on a socketpair with
--   slow_callback_duration 0.1 (a reader of 0.06 s, a writer of 0.15 s):
--   "Executing <Handle cancelled on_write() ...> took 0.150 seconds" alone,
--   where luasync named the reader with both times, 0.210 seconds;
-- - a signal handler that removed itself is shown as it ran, in the report
--   of a slow one and in that of its error, as CPython's (whose
--   remove_signal_handler does not cancel the handle): "<Handle on_sig()
--   ...>", where luasync showed "<Handle cancelled ...>", and the error as
--   "Exception in callback nil()".
local cli = require "lib.cli"
local eq = cli.eq

-- Runs text as a script under the virtual clock, in debug mode (its line 3
-- is text's first), with shell's CMD the command when given; answers its
-- stderr (the script's path shown as x.lua) and exit status.
local function run(text, shell)
  local path = cli.tmpfile("local loop = asyncio.get_running_loop()\nloop:set_debug(true)\n" .. text)
  local _, err, code = cli.run((shell or "CMD"):gsub("CMD", "\"$L\" --clock=virtual " .. path))
  return (err:gsub(path:gsub("%p", "%%%0"), "x.lua")), code
end
local ADVICE = "; a callback cannot await: do this in a task (asyncio.create_task) and there use " ..
  "await(asyncio.sleep(%s)) or asyncio.to_thread\n"
local function blocked(seconds, line)
  return ("time.sleep(%s) blocked the event loop for %s s at x.lua:%d" .. ADVICE):format(seconds, seconds, line, seconds)
end

local err, code = run([[
local function quick() time.sleep(0.06) end
local function slow() time.sleep(0.15) end
loop:call_soon(quick)
loop:call_soon(slow)
await(asyncio.sleep(0.3))
]])
eq("two callbacks: status", code, 0)
eq("two callbacks: the slow one with its own call",
  err, "Executing <Handle slow() at x.lua:4 created at x.lua:6> took 0.150 seconds\n" .. blocked("0.15", 4))

-- Its stdin a FIFO opened for reading and writing, with a line in it: both
-- readable and writable.
local FIFO = 'f=$(mktemp -u) && mkfifo "$f" && { echo x >&0; CMD; } 0<>"$f"; c=$?; rm -f "$f"; exit $c'
local RW = [[
local function on_read(slow, also)
  time.sleep(slow)
  if also ~= "keep" then loop:remove_reader(0) end
  if also == "writer" then loop:remove_writer(0) end
end
local function on_write(slow, also)
  time.sleep(slow)
  loop:remove_writer(0)
  if also == "reader" then loop:remove_reader(0) end
end
loop:add_reader(0, on_read, %s)
loop:add_writer(0, on_write, %s)
await(asyncio.sleep(0.5))
]]
local function rw(read_args, write_args) return run(RW:format(read_args, write_args), FIFO) end

err, code = rw("0.06", "0.15")
eq("reader and writer: status", code, 0)
eq("reader and writer: the slow writer alone",
  err, "Executing <Handle cancelled on_write(0.15) at x.lua:8 created at x.lua:14> took 0.150 seconds\n" ..
  blocked("0.15", 9))

err = rw("0.12", "0.15")
eq("reader and writer: both slow, each with its time and call",
  err, "Executing <Handle cancelled on_read(0.12) at x.lua:3 created at x.lua:13> took 0.120 seconds\n" ..
  blocked("0.12", 4) ..
  "Executing <Handle cancelled on_write(0.15) at x.lua:8 created at x.lua:14> took 0.150 seconds\n" ..
  blocked("0.15", 9))

err = rw("0.12, 'keep'", "0.01, 'reader'")
eq("a slow reader the writer removed: as it stood",
  err, "Executing <Handle on_read(0.12, 'keep') at x.lua:3 created at x.lua:13> took 0.120 seconds\n" ..
  blocked("0.12", 4))

err = rw("0.12, 'writer'", "0.15")
eq("a writer the reader removed: not run",
  err, "Executing <Handle cancelled on_read(0.12, 'writer') at x.lua:3 created at x.lua:13> took 0.120 seconds\n" ..
  blocked("0.12", 4))

-- Signal handlers that remove themselves: two signals of one turn (each
-- handler is timed alone: the quick one is not reported), then an error.
err, code = run([[
local pid = io.open("/proc/self/stat"):read("n")
local function quick() time.sleep(0.06) end
local function on_sig()
  time.sleep(0.15)
  loop:remove_signal_handler("SIGUSR2")
end
loop:add_signal_handler("SIGUSR1", quick)
loop:add_signal_handler("SIGUSR2", on_sig)
os.execute("kill -USR1 " .. pid .. "; kill -USR2 " .. pid)
await(asyncio.sleep(0.5))
local function bad() loop:remove_signal_handler("SIGUSR2"); error("boom", 0) end
loop:add_signal_handler("SIGUSR2", bad)
os.execute("kill -USR2 " .. pid)
await(asyncio.sleep(0.5))
]])
eq("signal handlers: status", code, 0)
eq("signal handlers that removed themselves: as they ran",
  err, "Executing <Handle on_sig() at x.lua:5 created at x.lua:10> took 0.150 seconds\n" .. blocked("0.15", 6) ..
  "Exception in callback bad() at x.lua:13\n" ..
  "handle: <Handle bad() at x.lua:13 created at x.lua:14>\n" ..
  "source_traceback: Object created at (most recent call first):\n" ..
  "\tx.lua:14: in main chunk\n" ..
  "boom\n" ..
  "stack traceback:\n" ..
  "\tx.lua:13: in function <x.lua:13>\n")

cli.finish()
