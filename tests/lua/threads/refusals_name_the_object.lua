-- A value that cannot go to a worker is named by what it is: an object by
-- its class (its metatable's __name), a function of luasync's runtime as
-- such. They said "a table with a metatable" of a Future, "a userdata" of
-- a file, and "upvalue '(no name)': define it inside the function" of
-- asyncio.gather, whose upvalues have no names to show.
local cli = require "lib.cli"
local eq = cli.eq

local function refused(what, want, ...) eq(what, cli.error_text(asyncio.to_thread, ...), want) end

refused("a Future", "bad argument #2 to 'to_thread' (a Future (a table with a metatable) cannot be sent to a thread)",
  print, asyncio.Future())
refused("an Event, with its article",
  "bad argument #2 to 'to_thread' (.ev: an Event (a table with a metatable) cannot be sent to a thread)", print,
  { ev = asyncio.Event() })
refused("an error instance",
  "bad argument #3 to 'to_thread' ([1]: a ValueError (a table with a metatable) cannot be sent to a thread)", print, 1,
  { asyncio.ValueError("x") })
refused("a file", "bad argument #2 to 'to_thread' (a FILE* (userdata) cannot be sent to a thread)", print, io.stdout)
local coro = asyncio.sleep(0)
refused("a coroutine object",
  "bad argument #2 to 'to_thread' (a coroutine object (userdata) cannot be sent to a thread)", print, coro)
await(coro)
refused("a function of the runtime", "bad argument #1 to 'to_thread' (a function of luasync's runtime cannot be " ..
  "sent to a thread (a job runs plain Lua, without the event loop))", asyncio.gather)
-- A coroutine.wrap function (a generator, an async generator) is named so,
-- as a coroutine is: it was "a C function ... (only the standard library's)".
local gen = coroutine.wrap(function() coroutine.yield(1) end)
refused("a coroutine.wrap function", "bad argument #1 to 'to_thread' (a coroutine.wrap function cannot be sent to a " ..
  "thread)", gen)
refused("a coroutine.wrap function in a table",
  "bad argument #2 to 'to_thread' (.next: a coroutine.wrap function cannot be sent to a thread)", print, { next = gen })
local agen = coroutine.wrap(function() await(asyncio.sleep(0)); coroutine.yield(1) end)
refused("an async generator", "bad argument #1 to 'to_thread' (a coroutine.wrap function cannot be sent to a thread)",
  agen)
eq("a C function of a module, as before", cli.error_text(asyncio.to_thread, io.stdout.write),
  "bad argument #1 to 'to_thread' (a C function cannot be sent to a thread (only the standard library's))")
-- (a nameless metatable, a user's upvalue: as before)
refused("a nameless metatable",
  "bad argument #2 to 'to_thread' (a table with a metatable cannot be sent to a thread)", print, setmetatable({}, {}))
local up = 1
refused("a user's upvalue", "bad argument #1 to 'to_thread' (a function with upvalues cannot be sent to a thread " ..
  "(upvalue 'up': define it inside the function, or pass it as an argument))", function() return up end)
-- On the way back, the same names.
local ok, e = pcall(await, asyncio.to_thread(function() return io.stderr end))
eq("a result", not ok and tostring(e), "TypeError: result 1: a FILE* (userdata) cannot be sent back from a thread")
ok, e = pcall(await, asyncio.to_thread(function() return 1, coroutine.wrap(function() end) end))
eq("a worker's coroutine.wrap function", not ok and tostring(e),
  "TypeError: result 2: a coroutine.wrap function cannot be sent back from a thread")
cli.finish()
