-- The runtime's own async functions (q.get, lock.acquire, asyncio.sleep:
-- those asyncio.iscoroutinefunction answers true for, as CPython's async
-- def methods) are refused as callbacks as async() functions are: in debug
-- mode by call_soon, call_soon_threadsafe, call_later/call_at and
-- run_in_executor, and always by add_signal_handler, with CPython's texts.
-- (They were taken: the callback then failed with "bad argument #1 to 'get'
-- (Queue expected, got no value)", and a worker refused q.get as "a C
-- function".)
-- Reference: reference/library_coroutine_callbacks.py
local loop = asyncio.get_running_loop()
local q, lock, event = asyncio.Queue(), asyncio.Lock(), asyncio.Event()
local function try(label, f)
  local ok, e = pcall(f)
  print(label, ok and "ok" or tostring(e))
end
loop:set_debug(true)
try("call_soon Queue.get", function() loop:call_soon(q.get) end)
try("call_soon_threadsafe Queue.put", function() loop:call_soon_threadsafe(q.put, q, 1) end)
try("call_later Lock.acquire", function() loop:call_later(0, lock.acquire) end)
try("call_at Event.wait", function() loop:call_at(loop:time() + 1, event.wait) end)
try("call_soon sleep", function() loop:call_soon(asyncio.sleep, 0) end)
try("run_in_executor Queue.get", function() return loop:run_in_executor(nil, q.get) end)
loop:set_debug(false)
try("add_signal_handler Queue.get", function() loop:add_signal_handler("SIGUSR1", q.get) end)
try("call_soon, debug off", function() loop:call_soon(print, "plain callback") end)
await(asyncio.sleep(0))
-- (out of debug mode CPython's run_in_executor and to_thread run it in the
-- thread and give back a coroutine object nothing awaits; a worker here
-- could not run it: refused in both modes, as an async() function is)
local ok, e = pcall(function() return loop:run_in_executor(nil, q.get) end)
assert(not ok and tostring(e) == "TypeError: coroutines cannot be used with run_in_executor()", tostring(e))
ok, e = pcall(asyncio.to_thread, lock.acquire)
assert(not ok and tostring(e) == "TypeError: coroutines cannot be used with to_thread()", tostring(e))
