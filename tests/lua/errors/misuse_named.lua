-- Misuse that reached the runtime's own code raised an error of the
-- runtime's chunks (luasync:task_views:124: attempt to index a number
-- value, luasync:streams:178, luasync:loop:406: bad argument #1 to
-- 'fd_watch'): each is now Lua's `bad argument #n to 'f' (...)` naming the
-- function the user called, at the user's line.
local cli = require "lib.cli"
local eq = cli.eq

local function call(f, ...) local r = f(...) return r end -- the line every message must name
local HERE = debug.getinfo(1, "S").short_src .. ":" .. debug.getinfo(call, "S").linedefined .. ": "
local function text(f, ...)
  local ok, e = pcall(call, f, ...)
  return ok and "(raised nothing)" or tostring(e)
end

-- print_stack's file is written to: a value without a write method is its
-- argument's error (CPython: AttributeError at the write).
local t = asyncio.spawn(function() await(asyncio.sleep(1)) end)
await(asyncio.sleep(0))
eq("t:print_stack({file = 1})", text(t.print_stack, t, { file = 1 }),
  HERE .. "bad argument #1 to 'print_stack' (field 'file' must be an object with a write method, got number)")
eq("t:print_stack({file = {}})", text(t.print_stack, t, { file = {} }),
  HERE .. "bad argument #1 to 'print_stack' (field 'file' must be an object with a write method, got table)")
local written = {}
t:print_stack({ file = { write = function(_, ...) written[#written + 1] = table.concat({ ... }) end } })
cli.has("print_stack to an object with write", written[1] or "", "Stack for <Task pending name='Task-2'")
t:cancel()

-- A reader's transport is called when the buffer passes twice the limit:
-- one without pause_reading and resume_reading is refused when it is set
-- (CPython: AttributeError in feed_data).
local function reader() return asyncio.StreamReader({ limit = 1 }) end
local r = reader()
eq("r:set_transport({})", text(r.set_transport, r, {}),
  HERE .. "bad argument #1 to 'set_transport' (field 'pause_reading' must be a function, got nil)")
r = reader()
eq("r:set_transport(5)", text(r.set_transport, r, 5),
  HERE .. "bad argument #1 to 'set_transport' (transport (table with pause_reading and resume_reading) expected, got number)")
local paused = 0
r = reader()
r:set_transport({ pause_reading = function() paused = paused + 1 end, resume_reading = function() end })
r:feed_data("abcdef")
eq("a transport's pause_reading is called past the limit", paused, 1)

-- A descriptor beyond a C int (CPython: OverflowError) is the method's
-- argument's error, not that of the runtime's fd_watch.
local loop = asyncio.get_running_loop()
eq("loop:add_reader(2^40, print)", text(loop.add_reader, loop, 2 ^ 40, print),
  HERE .. "bad argument #1 to 'add_reader' (file descriptor out of range)")
eq("loop:add_writer(2^31, print)", text(loop.add_writer, loop, 2 ^ 31, print),
  HERE .. "bad argument #1 to 'add_writer' (file descriptor out of range)")

-- A __close called by hand with something else than its object.
local lock = asyncio.Lock()
local file = await(asyncio.open(debug.getinfo(1, "S").short_src))
local server = await(asyncio.start_server(function() end, "127.0.0.1", 0))
local _, writer = await(asyncio.open_connection(server.sockets[1]:getsockname()))
local closers = {
  { "TaskGroup", asyncio.TaskGroup() }, { "Timeout", asyncio.timeout(100) },
  { "ThreadPoolExecutor", asyncio.ThreadPoolExecutor(1) }, { "guard", await(lock:acquire()) },
  { "file", file }, { "StreamWriter", writer }, { "Server", server },
}
for _, c in ipairs(closers) do
  local close = getmetatable(c[2]).__close
  eq(c[1] .. ".__close(123)", text(close, 123), HERE .. "bad argument #1 to '__close' (" .. c[1] .. " expected, got number)")
  eq(c[1] .. ".__close(nil)", text(close, nil), HERE .. "bad argument #1 to '__close' (" .. c[1] .. " expected, got nil)")
end
for _, c in ipairs(closers) do
  local _ <close> = c[2]  -- each closes as it should
end
eq("the lock was released by its guard", lock:locked(), false)

-- An explicit nil is "got nil", as Lua says; nothing is "got no value".
eq("loop:run_until_complete(nil)", text(loop.run_until_complete, loop, nil),
  HERE .. "bad argument #1 to 'run_until_complete' (awaitable expected, got nil)")
eq("loop:run_until_complete()", text(loop.run_until_complete, loop),
  HERE .. "bad argument #1 to 'run_until_complete' (awaitable expected, got no value)")

-- An error class's methods called with '.' say how to call them, as every
-- other method does (Class:is answered false for anything).
eq("asyncio.ValueError.subclass(\"X\")", text(asyncio.ValueError.subclass, "X"),
  HERE .. "bad argument #1 to 'subclass' (error class expected; call it as Class:subclass(...))")
eq("asyncio.ValueError.is(e)", text(asyncio.ValueError.is, asyncio.ValueError("x")),
  HERE .. "bad argument #1 to 'is' (error class expected; call it as Class:is(...))")
eq("asyncio.ValueError:is(5)", asyncio.ValueError:is(5), false)
eq("asyncio.Exception:is(ValueError)", asyncio.Exception:is(asyncio.ValueError("x")), true)

cli.finish()
