-- In debug mode the loop refuses an async function (or a coroutine object)
-- as a callback, as CPython's _check_callback does: a TypeError naming the
-- method (call_later's is call_at(), as CPython's). Out of debug mode,
-- call_soon takes one (the coroutine its call makes is never awaited);
-- run_in_executor refuses one in both modes, with the same text, since a
-- worker thread could not run it (it said "a C function cannot be sent to
-- a thread").
-- Reference: reference/debug_coroutine_callbacks.py
local loop = asyncio.get_running_loop()
local work = async(function() end)
local function try(label, f)
  local ok, e = pcall(f)
  print(label, ok and "ok" or tostring(e))
end
loop:set_debug(true)
try("call_soon", function() loop:call_soon(work) end)
try("call_soon_threadsafe", function() loop:call_soon_threadsafe(work) end)
try("call_later", function() loop:call_later(1, work) end)
try("call_at", function() loop:call_at(loop:time() + 1, work) end)
try("coroutine object", function() loop:call_soon(work()) end)
try("run_in_executor", function() return loop:run_in_executor(nil, work) end)
loop:set_debug(false)
try("call_soon, debug off", function() loop:call_soon(print, "plain callback") end)
await(asyncio.sleep(0))
-- (CPython's run_in_executor out of debug mode runs it, and gives back a
-- coroutine object that nothing awaits: not in the reference)
local ok, e = pcall(function() return loop:run_in_executor(nil, work) end)
assert(not ok and tostring(e) == "TypeError: coroutines cannot be used with run_in_executor()", tostring(e))
ok, e = pcall(asyncio.to_thread, work)
assert(not ok and tostring(e) == "TypeError: coroutines cannot be used with to_thread()", tostring(e))
