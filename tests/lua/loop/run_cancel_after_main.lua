-- Once asyncio.run's coroutine has returned, CPython's main task is done:
-- a cancel() of it, by a callback or by a leftover task being cancelled,
-- answers false and does nothing, and run gives the coroutine's result.
-- luasync runs the coroutine in the script's own task, which then runs the
-- cleanup: it cancelled that task, and run (and the script) ended in
-- CancelledError. (A Ctrl-C then still cancels it: cli/cli_sigint.)
-- Reference: reference/run_cancel_after_main.py
local worker = async(function(me)
  local ok, e = pcall(await, asyncio.sleep(10))
  assert(not ok)
  print("worker cancelled; cancels main:", me:cancel())
  await(asyncio.sleep(0))
  print("worker cleanup done")
  error(e, 0)
end)

local main = async(function()
  local me = asyncio.current_task()
  local loop = asyncio.get_running_loop()
  asyncio.create_task(worker(me))
  await(asyncio.sleep(0))
  loop:call_soon(function() print("callback cancels main:", me:cancel()) end)
  print("main returns")
  return "result"
end)

print("run gave", asyncio.run(main()))
print("script goes on")
