-- When asyncio.run's coroutine returns, the callbacks already ready (a
-- Future's done callback, call_soon) run before run returns, as CPython's
-- run turns the loop once more to shut down; a second run sees the same.
-- Reference: reference/run_end_callbacks.py
local main = async(function(tag)
  local fut = asyncio.Future()
  fut:add_done_callback(function(f) print(tag, "callback got", f:result()) end)
  fut:set_result("hello")
  asyncio.get_running_loop():call_soon(print, tag, "soon")
  print(tag, "main returns")
end)
asyncio.run(main("first"))
print("after the first run")
local failing = async(function()
  asyncio.get_running_loop():call_soon(print, "second", "soon")
  error(asyncio.ValueError("boom"))
end)
local ok, e = pcall(asyncio.run, failing())
print("after the second run", ok, e)
