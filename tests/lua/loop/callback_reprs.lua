-- Handles' and futures' reprs name a callback as asyncio does: boom() at its
-- place, nothing once cancelled; a future's callbacks, the first and last of
-- more than two (reference/callback_reprs.py; "at FILE:LINE" and "when=..."
-- are shown as "at HERE", "when=T"). Then what the reprs say of a C
-- function, an anonymous one and a method, and the report of a callback's
-- error: the callback, then its handle, as CPython's default handler.
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
check("an anonymous function, in Lua's words", handle_of(function() end),
  "<Handle function <" .. here .. ":" .. (debug.getinfo(1, "l").currentline - 1) .. ">>")
check("a method", handle_of(M.tick, M), "<Handle M.tick() at " .. here .. ":" .. debug.getinfo(M.tick, "S").linedefined .. ">")

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
end
