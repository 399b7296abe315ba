-- Handles' and futures' reprs name a callback as asyncio does: boom() at its
-- place, nothing once cancelled; a future's callbacks, the first and last of
-- more than two (reference/callback_reprs.py; "at FILE:LINE" and "when=..."
-- are shown as "at HERE", "when=T"). Then what the reprs say of a C
-- function, an anonymous one, a method, one whose chunk names no file, and
-- in debug mode; that a cancelled handle lets its callback go; and the
-- reports of callbacks' errors: the callback, then its handle, as CPython's
-- default handler.
local function norm(r)
  return (r:gsub(" at [^ >%],]+:%d+", " at HERE"):gsub("when=[0-9.]+", "when=T"))
end

local function boom(x) error(asyncio.ValueError("bad")) end

local loop = asyncio.get_running_loop()
local h = loop:call_soon(boom, 1)
print(norm(tostring(h)))
h:cancel()
print(norm(tostring(h)))
local t = loop:call_later(5, boom, 1)
print(norm(tostring(t)))
t:cancel()
print(norm(tostring(t)))
local f = loop:create_future()
f:add_done_callback(boom)
print(norm(tostring(f)))
f:add_done_callback(print)
f:add_done_callback(boom)
print(norm(tostring(f)))
f:remove_done_callback(boom)
f:remove_done_callback(print)
await(asyncio.sleep(0))

-- Beyond CPython's scenario: asserted here, not printed.
local here = debug.getinfo(1, "S").short_src
local function check(what, got, want)
  if got ~= want then error(("%s: got %q, want %q"):format(what, got, want), 2) end
end
local M = {}
function M:tick() end
local function handle_of(fn, ...)
  local hh = loop:call_soon(fn, ...)
  local s = tostring(hh)
  hh:cancel()
  return s
end
check("a C function by its library's name", handle_of(os.time), "<Handle os.time()>")
check("a global C function", handle_of(print), "<Handle print()>")
check("an anonymous function, as CPython shows a lambda", handle_of(function() end),
  "<Handle function() at " .. here .. ":" .. (debug.getinfo(1, "l").currentline - 1) .. ">")
check("a method", handle_of(M.tick, M), "<Handle M.tick() at " .. here .. ":" .. debug.getinfo(M.tick, "S").linedefined .. ">")
-- A function from a chunk named after a directory, or a FIFO, is shown by its
-- place: nothing reads them (a FIFO would block the loop).
check("a chunk named after a directory", handle_of(load("return function() end", "@/")()),
  "<Handle function() at /:1>")
local fifo = os.tmpname()
os.remove(fifo)
assert(os.execute("mkfifo " .. fifo), "mkfifo failed")
local fifo_ok, fifo_shown = pcall(handle_of, load("return function() end", "@" .. fifo)())
os.remove(fifo)
check("a chunk named after a FIFO", fifo_ok and fifo_shown or tostring(fifo_shown),
  "<Handle function() at " .. fifo .. ":1>")
-- A function load() made from a string: by its place.
check("a chunk from a string", handle_of(load("local function f() end return f", "=chunk")()),
  "<Handle function() at chunk:1>")
-- A callable object (a table with __call): by its tostring and no place, as
-- CPython shows an object that is not a function by its repr ("<Dummy>()",
-- "<__main__.Plain object at 0x...>()"); one whose __tostring raises, as it
-- can be. (A __call that cannot be called is refused by call_soon:
-- task/callable_refused_at_call.lua.)
local rude = { __tostring = function() error("no tostring") end }
local dummy = setmetatable({}, { __call = function() end, __tostring = function() return "<Dummy>" end })
check("a callable object, by its __tostring", handle_of(dummy), "<Handle <Dummy>()>")
local plain = setmetatable({}, { __call = function() end })
check("a callable object without __tostring", handle_of(plain), "<Handle " .. tostring(plain) .. "()>")
local callable = setmetatable({}, { __call = setmetatable({}, { __call = function() end }), __name = "Outer" })
check("a callable of a callable, by the outer one", handle_of(callable), "<Handle " .. tostring(callable) .. "()>")
check("... whose __name tostring gives", tostring(callable):match("^Outer: ") ~= nil and "yes" or tostring(callable), "yes")
local broken = setmetatable({}, { __call = function() end, __tostring = rude.__tostring })
check("a callable whose __tostring raises", handle_of(broken), "<Handle table (its __tostring failed)()>")

-- Debug mode, as CPython's: the arguments and where the handle was made;
-- a cancelled handle keeps the repr it had.
loop:set_debug(true)
local dh = loop:call_soon(M.tick, 7, "x")
local made = debug.getinfo(1, "l").currentline - 1
local shown = "M.tick(7, 'x') at " .. here .. ":" .. debug.getinfo(M.tick, "S").linedefined .. " created at " ..
  here .. ":" .. made
check("debug mode: arguments, created at", tostring(dh), "<Handle " .. shown .. ">")
dh:cancel()
check("debug mode: cancelled, the repr kept", tostring(dh), "<Handle cancelled " .. shown .. ">")
-- An argument whose __tostring raises: shown as it can be, the rest as usual.
local odd = setmetatable({}, rude)
local oh = loop:call_soon(M.tick, odd)
check("debug mode: an argument whose __tostring raises", tostring(oh),
  "<Handle M.tick(table (its __tostring failed)) at " .. here .. ":" .. debug.getinfo(M.tick, "S").linedefined ..
  " created at " .. here .. ":" .. (debug.getinfo(1, "l").currentline - 3) .. ">")
oh:cancel()
-- A callable object with its arguments, as CPython's "<Dummy>(7)".
local ch = loop:call_soon(dummy, 7)
check("debug mode: a callable object", tostring(ch),
  "<Handle <Dummy>(7) created at " .. here .. ":" .. (debug.getinfo(1, "l").currentline - 2) .. ">")
ch:cancel()
loop:set_debug(false)

-- Cancelling lets the callback and its arguments go, though the handle stays.
local gone = setmetatable({}, { __mode = "k" })
local kept
do
  local fn, arg = function() end, {}
  gone[fn], gone[arg] = true, true
  kept = loop:call_later(10, fn, arg)
  kept:cancel()
end
collectgarbage()
collectgarbage()
check("a cancelled handle keeps nothing", tostring(next(gone)), "nil")
-- (its when in full, as Python's repr of the float: it reads back as when())
local shown_when = tostring(kept):match("^<TimerHandle cancelled when=([%d.]+)>$")
check("the handle it was", tostring(shown_when and tonumber(shown_when) == kept:when()), "true")

-- The error report, from a script of its own (stderr): with the binary (not
-- under stock Lua, where this test also runs through the module).
if os.getenv("LUASYNC") then
  local cli = require "lib.cli"
  local script = cli.tmpfile("local function boom(x)\n  error('bad ' .. x)\nend\n" ..
    "asyncio.get_running_loop():call_soon(boom, 1)\nawait(asyncio.sleep(0))\n")
  local _, err, code = cli.run('"$L" ' .. cli.quote(script))
  cli.cleanup()
  check("report: exit status", tostring(code), "0")
  check("report: stderr", err, "Exception in callback boom() at " .. script .. ":1\n" ..
    "handle: <Handle boom() at " .. script .. ":1>\n" ..
    script .. ":2: bad 1\nstack traceback:\n\t" .. script .. ":2: in function <" .. script .. ":1>\n")
  -- In debug mode, the callback with its arguments, as CPython's.
  script = cli.tmpfile("local function boom(x)\n  error('bad ' .. x)\nend\n" ..
    "asyncio.get_running_loop():call_soon(boom, 1)\nawait(asyncio.sleep(0))\n")
  _, err, code = cli.run('"$L" --debug ' .. cli.quote(script))
  cli.cleanup()
  check("debug report: stderr", err:match("^[^\n]*\n[^\n]*\n"), "Exception in callback boom(1) at " .. script .. ":1\n" ..
    "handle: <Handle boom(1) at " .. script .. ":1 created at " .. script .. ":4>\n")
  script = cli.tmpfile("local function on_done(f) error('cb ' .. f:result()) end\nlocal f = asyncio.Future()\n" ..
    "f:add_done_callback(on_done)\nf:set_result(5)\nawait(asyncio.sleep(0))\n")
  _, err, code = cli.run('"$L" --debug ' .. cli.quote(script))
  cli.cleanup()
  -- (the future, made in debug mode, with where it was made)
  local fut = "<Future finished result=5 created at " .. script .. ":2>"
  check("debug report of a done callback", err:match("^[^\n]*\n[^\n]*\n"),
    "Exception in callback on_done(" .. fut .. ") at " .. script .. ":1\n" ..
    "handle: <Handle on_done(" .. fut .. ") at " .. script .. ":1 created at " .. script .. ":4>\n")
  -- A done callback's error; a handle that cancels itself, then raises (CPython: None()).
  script = cli.tmpfile("local function on_done(f)\n  error('cb ' .. f:result())\nend\n" ..
    "local f = asyncio.Future()\nf:add_done_callback(on_done)\nf:set_result(5)\n" ..
    "local h\nh = asyncio.get_running_loop():call_soon(function()\n  h:cancel()\n  error('self')\nend)\n" ..
    "await(asyncio.sleep(0))\n")
  _, err, code = cli.run('"$L" ' .. cli.quote(script))
  cli.cleanup()
  check("reports: exit status", tostring(code), "0")
  check("reports: stderr", err, "Exception in callback on_done() at " .. script .. ":1\n" ..
    "handle: <Handle on_done() at " .. script .. ":1>\n" ..
    script .. ":2: cb 5\nstack traceback:\n\t" .. script .. ":2: in function <" .. script .. ":1>\n" ..
    "Exception in callback nil()\nhandle: <Handle cancelled>\n" ..
    script .. ":10: self\nstack traceback:\n\t" .. script .. ":10: in function <" .. script .. ":8>\n")
end
