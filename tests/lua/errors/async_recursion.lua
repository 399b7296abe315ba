-- An async function that awaits itself without end fails as a Lua function
-- that calls itself without end: "stack overflow" at the awaiting line
-- (lua5.4: "x.lua:1: stack overflow"; CPython: RecursionError), whichever
-- way the await is spelt, in the main task or in another. (The first two
-- spellings said "too many arguments".)
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local a, b, c
a = async(function(n) return await(a(n + 1)) end)
b = async(function(n) local x = await(b(n + 1)); return x end)
c = async(function(n, ...) return await(c(n + 1, ...)) end)
eq("return await(a(n + 1))", select(2, pcall(await, a(0))), "async_recursion.lua:10: stack overflow")
eq("local x = await(b(n + 1))", select(2, pcall(await, b(0))), "async_recursion.lua:11: stack overflow")
eq("with arguments", select(2, pcall(await, c(0, 1, 2))), "async_recursion.lua:12: stack overflow")
eq("in another task", select(2, pcall(await, asyncio.create_task(b(0)))), "async_recursion.lua:11: stack overflow")

-- Uncaught: the usual report, status 1.
local out, err, code = cli.run('"$L" ' .. cli.quote(cli.tmpfile([[
local b
b = async(function(n) local x = await(b(n + 1)); return x end)
await(b(0))
]])))
eq("uncaught: status", code, 1)
has("uncaught: the error", err, "luasync: ")
has("uncaught: the error's text", err, ":2: stack overflow\nstack traceback:\n  task 'Task-1':\n")
cli.finish()
