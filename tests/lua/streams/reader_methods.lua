-- A StreamReader's read methods (C functions making ops, asyncio/reader_ops.cpp)
-- behave as every coroutine object: their arguments checked at the call with
-- the caller's line (a count as luaL_checkinteger takes it), awaited at most once, accepted by create_task, gather and
-- wait_for, reported where they were made when never awaited.
local cli = require "lib.cli"
local eq = cli.eq

local script = cli.tmpfile([[
local r = asyncio.StreamReader()
local function try(f, ...)
  local ok, e = pcall(f, ...)
  print(ok, e)
end
try(function() return r:read(1.5) end)
try(function() return r:read("x") end)
try(function() return r.read({}, 1) end)
try(function() return r:readexactly() end)
try(function() return r:readuntil(5) end)
try(function() return r.readline(nil) end)
print(asyncio.iscoroutine(r:read()), tostring(r:readline()))
local forgotten = r:readexactly(4)
forgotten = nil
await(asyncio.sleep(0))
r:feed_data("one\ntwo\nthree")
local op = r:readuntil()
print(await(op))
try(await, op)
local t = asyncio.create_task(r:readline(), { name = "line" })
print(await(t), await(asyncio.gather(r:readexactly(2))).n)
print(await(asyncio.wait_for(r:read(1), 1)))
r:feed_eof()
for line in r:lines() do print("line", line) end
print(await(r:read()) == "", r:at_eof())
-- counts as luaL_checkinteger takes them: 2.0 and "2" are 2
local r2 = asyncio.StreamReader()
r2:feed_data("abcdef")
print(await(r2:read(2.0)), await(r2:readexactly("2")))
]])
local out, err, code = cli.run('"$L" --clock=virtual ' .. cli.quote(script) .. " 2>&1")
eq("exit status", code, 0)
local s = script
-- The never-awaited warnings come when the collector finds the objects:
-- their order among themselves and the other lines is the collector's
-- timing (CPython's refcounts free each at once), so they are compared as a
-- sorted list of their own.
local warnings = {}
out = out:gsub("[^\n]*RuntimeWarning[^\n]*\n", function(line)
  warnings[#warnings + 1] = line
  return ""
end)
table.sort(warnings)
eq("the warnings, each with the line that made the object", table.concat(warnings), ([[
%s:12: RuntimeWarning: coroutine 'StreamReader.read' was never awaited
%s:12: RuntimeWarning: coroutine 'StreamReader.readline' was never awaited
%s:13: RuntimeWarning: coroutine 'StreamReader.readexactly' was never awaited
]]):format(s, s, s))
eq("the transcript", out, ([[
false	%s:6: bad argument #1 to 'read' (number has no integer representation)
false	%s:7: bad argument #1 to 'read' (integer expected, got string)
false	%s:8: bad argument #1 to 'read' (StreamReader expected; call it as reader:read(...))
false	%s:9: bad argument #1 to 'readexactly' (integer expected, got no value)
false	%s:10: bad argument #1 to 'readuntil' (string expected, got number)
false	%s:11: bad argument #1 to 'readline' (StreamReader expected; call it as reader:readline(...))
true	<coroutine StreamReader.readline>
one

false	RuntimeError: cannot reuse already awaited coroutine
two
	1
r
line	ee
true	true
ab	cd
]]):format(s, s, s, s, s, s))
cli.finish()
