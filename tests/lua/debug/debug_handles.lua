-- Debug mode and the handles of the loop's callbacks, as CPython 3.13's
-- debug mode shows them:
-- - a slow reader (loop:add_reader) or signal handler is reported by its
--   handle, "Executing <Handle on_sig() at x.lua:N created at x.lua:M>",
--   as its error report names it (a reader's entry runs the runtime's
--   dispatcher; a signal handler's runs its handle, scheduled when the
--   signal was read);
-- - an error in a call_soon/call_later/call_at callback, a reader or a
--   signal handler made in debug mode shows where the handle was made
--   ("source_traceback: Object created at");
-- - a report made while such a callback runs, without frames of its own,
--   shows where its handle was made ("handle_traceback: Handle created at").
-- - a future's done callback too: its handle is made where it was scheduled
--   (the set_result, or an add_done_callback on a future done);
-- - a task's step too: where the task was made (its first step) or woken.
local cli = require "lib.cli"
local eq = cli.eq

local function run(text)
  local path = cli.tmpfile(text)
  -- (stdin a pipe with a line in it: readable, for add_reader)
  local out, err, code = cli.run("echo x | $L --clock=virtual " .. path)
  local pattern = path:gsub("%p", "%%%0")
  return (out:gsub(pattern, "x.lua")), (err:gsub(pattern, "x.lua")), code
end

local _, err, code = run([[
local loop = asyncio.get_running_loop()
loop:set_debug(true)
local function on_readable()
  time.sleep(0.15)
  loop:remove_reader(0)
end
loop:add_reader(0, on_readable)
await(asyncio.sleep(0.3))
local function on_sig() time.sleep(0.15) end
loop:add_signal_handler("SIGUSR1", on_sig)
os.execute("kill -USR1 " .. io.open("/proc/self/stat"):read("n"))
await(asyncio.sleep(0.3))
loop:remove_signal_handler("SIGUSR1")
]])
eq("slow handles: status", code, 0)
eq("slow handles: named", (err:gsub("\ntime%.sleep[^\n]*", "")),
  "Executing <Handle cancelled on_readable() at x.lua:3 created at x.lua:7> took 0.150 seconds\n" ..
  "Executing <Handle on_sig() at x.lua:9 created at x.lua:10> took 0.150 seconds\n")

_, err, code = run([[
local function boom(x) error(asyncio.RuntimeError("boom")) end
local function tell()
  asyncio.get_running_loop():call_exception_handler({ message = "told" })
end
local function schedule(loop)
  loop:call_soon(boom, 1)
  loop:call_later(0.01, boom, 2)
  loop:call_soon(tell)
end
local main = async(function()
  local loop = asyncio.get_running_loop()
  schedule(loop)
  await(asyncio.sleep(0.05))
  loop:call_soon(tell)
  await(asyncio.sleep(0))
end)
asyncio.run(main(), { debug = true })
local loop = asyncio.get_running_loop()
loop:call_soon(tell)
await(asyncio.sleep(0))
]])
eq("tracebacks: status", code, 0)
eq("tracebacks", (err:gsub("when=[%d.]+", "when=T")),
  "Exception in callback boom(1) at x.lua:1\n" ..
  "handle: <Handle boom(1) at x.lua:1 created at x.lua:6>\n" ..
  "source_traceback: Object created at (most recent call first):\n" ..
  "\tx.lua:6: in upvalue 'schedule'\n" ..
  "\tx.lua:12: in function 'main'\n" ..
  "\tx.lua:17: in main chunk\n" ..
  "RuntimeError: boom\n" ..
  "stack traceback:\n" ..
  "\tx.lua:1: in function <x.lua:1>\n" ..
  "told\n" ..
  "handle_traceback: Handle created at (most recent call first):\n" ..
  "\tx.lua:8: in upvalue 'schedule'\n" ..
  "\tx.lua:12: in function 'main'\n" ..
  "\tx.lua:17: in main chunk\n" ..
  "Exception in callback boom(2) at x.lua:1\n" ..
  "handle: <TimerHandle when=T boom(2) at x.lua:1 created at x.lua:7>\n" ..
  "source_traceback: Object created at (most recent call first):\n" ..
  "\tx.lua:7: in upvalue 'schedule'\n" ..
  "\tx.lua:12: in function 'main'\n" ..
  "\tx.lua:17: in main chunk\n" ..
  "RuntimeError: boom\n" ..
  "stack traceback:\n" ..
  "\tx.lua:1: in function <x.lua:1>\n" ..
  "told\n" ..
  "handle_traceback: Handle created at (most recent call first):\n" ..
  "\tx.lua:14: in function 'main'\n" ..
  "\tx.lua:17: in main chunk\n" ..
  "told\n")  -- (the last: made after the run, debug mode off)

-- A future's done callbacks: where set_result scheduled them, or where
-- add_done_callback did on a future done.
_, err, code = run([[
local function boom(f) error(asyncio.RuntimeError("boom")) end
local function tell(f) asyncio.get_running_loop():call_exception_handler({ message = "told" }) end
local function slow(f) time.sleep(0.15) end
local function finish(f)
  f:set_result(1)
end
local main = async(function()
  local loop = asyncio.get_running_loop()
  local f = loop:create_future()
  f:add_done_callback(boom)
  f:add_done_callback(tell)
  finish(f)
  await(asyncio.sleep(0.05))
  f:add_done_callback(slow)
  await(asyncio.sleep(0.2))
end)
asyncio.run(main(), { debug = true })
]])
eq("done callbacks: status", code, 0)
eq("done callbacks", (err:gsub("\ntime%.sleep[^\n]*", "")),
  "Exception in callback boom(<Future finished result=1 created at x.lua:9>) at x.lua:1\n" ..
  "handle: <Handle boom(<Future finished result=1 created at x.lua:9>) at x.lua:1 created at x.lua:5>\n" ..
  "source_traceback: Object created at (most recent call first):\n" ..
  "\tx.lua:5: in upvalue 'finish'\n" ..
  "\tx.lua:12: in function 'main'\n" ..
  "\tx.lua:17: in main chunk\n" ..
  "RuntimeError: boom\n" ..
  "stack traceback:\n" ..
  "\tx.lua:1: in function <x.lua:1>\n" ..
  "told\n" ..
  "handle_traceback: Handle created at (most recent call first):\n" ..
  "\tx.lua:5: in upvalue 'finish'\n" ..
  "\tx.lua:12: in function 'main'\n" ..
  "\tx.lua:17: in main chunk\n" ..
  "Executing <Handle slow(<Future finished result=1 created at x.lua:9>) at x.lua:3 created at x.lua:14> " ..
  "took 0.150 seconds\n")

-- A task's steps: a report made during one shows where its handle was
-- made, as CPython's Task.__step handle: the first step's where the task
-- was created, a later one's where it was woken (the set_result); one the
-- loop woke (a timer) or the task itself (sleep(0)) has none. A slow step
-- is reported by its task alone, as CPython's (no frames after it).
_, err, code = run([[
local function tell(what) asyncio.get_running_loop():call_exception_handler({ message = what }) end
local child = async(function(fut)
  tell("first")
  await(asyncio.sleep(0))
  tell("yielded")
  await(fut)
  tell("woken")
  await(asyncio.sleep(0.01))
  tell("timer")
  time.sleep(0.15)
end)
local function finish(f) f:set_result(1) end
local main = async(function()
  local fut = asyncio.get_running_loop():create_future()
  local t = asyncio.create_task(child(fut))
  await(asyncio.sleep(0.05))
  finish(fut)
  await(t)
end)
asyncio.run(main(), { debug = true })
]])
eq("task steps: status", code, 0)
eq("task steps", (err:gsub("\ntime%.sleep[^\n]*", "")),
  "first\n" ..
  "handle_traceback: Handle created at (most recent call first):\n" ..
  "\tx.lua:15: in function 'main'\n" ..
  "\tx.lua:20: in main chunk\n" ..
  "yielded\n" ..
  "woken\n" ..
  "handle_traceback: Handle created at (most recent call first):\n" ..
  "\tx.lua:12: in upvalue 'finish'\n" ..
  "\tx.lua:17: in function 'main'\n" ..
  "\tx.lua:20: in main chunk\n" ..
  "timer\n" ..
  "Executing <Task finished name='Task-2' coro=<child() done, defined at x.lua:2> result=nil created at x.lua:15> " ..
  "took 0.150 seconds\n")

-- A reader's error: where add_reader made its handle.
_, err = run([[
local loop = asyncio.get_running_loop()
loop:set_debug(true)
local function bad_readable() loop:remove_reader(0); error("boom", 0) end
loop:add_reader(0, bad_readable)
await(asyncio.sleep(0.1))
]])
eq("reader's error", err,
  "Exception in callback nil()\n" ..
  "handle: <Handle cancelled bad_readable() at x.lua:3 created at x.lua:4>\n" ..
  "source_traceback: Object created at (most recent call first):\n" ..
  "\tx.lua:4: in main chunk\n" ..
  "boom\n" ..
  "stack traceback:\n" ..
  "\tx.lua:3: in function <x.lua:3>\n")

cli.finish()
