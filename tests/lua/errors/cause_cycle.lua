-- A chain of causes that comes back to an error already reported (e.cause
-- = e, two errors citing each other, a group's error caused by the group)
-- reports each error once, as CPython's traceback does (it printed the
-- chain ten times over); a group holding itself reports it once.
local cli = require "lib.cli"
local run, eq, tmpfile, quote = cli.run, cli.eq, cli.tmpfile, cli.quote

local script = tmpfile([[
local which = arg[1]
local e = asyncio.ValueError("loop")
e.cause = e
local a, b = asyncio.RuntimeError("a"), asyncio.RuntimeError("b")
a.cause = b
b.cause = a
local g = asyncio.ExceptionGroup("g", { asyncio.ValueError("v") })
g.exceptions[1].cause = g
local h = asyncio.ExceptionGroup("h", { asyncio.ValueError("w") })
h.exceptions[2] = h
local errs = { self = e, cycle = a, group = g, holds = h }
error(errs[which])
]])
local dir, name = script:match("^(.*)/([^/]*)$")
local function report(which)
  local out, err, code = run("cd " .. quote(dir) .. ' && "$L" ' .. quote(name) .. " " .. which)
  eq(which .. ": status", code, 1)
  eq(which .. ": stdout", out, "")
  return err
end
local tb = "stack traceback:\n  task 'Task-1':\n\t" .. name .. ":12: in main chunk\n"
local sep = "\n\nThe above exception was the direct cause of the following exception:\n\n"

eq("a cause that is itself", report("self"), "luasync: ValueError: loop\n" .. tb)
eq("two errors citing each other", report("cycle"), "luasync: RuntimeError: b" .. sep .. "RuntimeError: a\n" .. tb)
eq("a group's error caused by the group", report("group"),
  "luasync: ExceptionGroup: g (1 sub-exception)\n" .. tb .. "--- sub-exception 1 of 1:\nValueError: v\n")
eq("a group holding itself", report("holds"), "luasync: ExceptionGroup: h (2 sub-exceptions)\n" .. tb ..
  "--- sub-exception 1 of 2:\nValueError: w\n--- sub-exception 2 of 2:\nExceptionGroup: h (2 sub-exceptions)\n")
cli.finish()
