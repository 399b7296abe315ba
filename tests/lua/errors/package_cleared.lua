-- The runtime loads its own modules with a require of its own, from a table
-- of its own: a script that forgets every module (a hot reload clears
-- package.loaded), empties package.searchers and package.preload, or
-- replaces require (a sandbox) goes on working, also when a part of the
-- runtime loads only after that (gather, wait_for, Queue, TaskGroup,
-- to_thread, the traceback of an uncaught error). require "asyncio" (and
-- "time", and the runtime's modules) still answer the runtime's own tables.
local cli = require "lib.cli"
local eq = cli.eq

-- The hot-reload idiom of the review: every module but the standard ones forgotten.
local script = cli.tmpfile([[
local std = {_G=1, coroutine=1, debug=1, io=1, math=1, os=1, package=1, string=1, table=1, utf8=1, asyncio=1, time=1}
for name in pairs(package.loaded) do if not std[name] then package.loaded[name] = nil end end
local work = async(function(x) await(asyncio.sleep(0.01)); return x end)
print(await(asyncio.gather(work(1), work(2)))[2])
]])
local out, err, code = cli.run('"$L" --clock=virtual ' .. cli.quote(script))
eq("hot reload: stdout", out, "2\n")
eq("hot reload: stderr", err, "")
eq("hot reload: exit status", code, 0)

-- A sandbox's searchers.
script = cli.tmpfile([[
package.searchers = { function(name) return "\n\tno module '" .. name .. "' in the sandbox" end }
print(pcall(await, asyncio.wait_for(asyncio.sleep(1), 0.01)))
]])
out, err, code = cli.run('"$L" --clock=virtual ' .. cli.quote(script))
eq("sandbox: stdout", out, "false\tTimeoutError\n")
eq("sandbox: stderr", err, "")
eq("sandbox: exit status", code, 0)

-- Everything at once, then what loads late, and an uncaught error at the end.
script = cli.tmpfile([[
for name in pairs(package.loaded) do package.loaded[name] = nil end
print(require("asyncio") == asyncio, require("time") == time, package.loaded.asyncio == asyncio)
local task = require("luasync.task")
print(require("luasync.task") == task)
package.searchers, package.preload = {}, {}
require = function() error("no require in the sandbox") end
local work = async(function(x) await(asyncio.sleep(0.01)); return x end)
print(await(asyncio.gather(work(1), work(2)))[2])
print(pcall(await, asyncio.wait_for(asyncio.sleep(1), 0.01)))
local q = asyncio.Queue(); q:put_nowait(3); print(await(q:get()))
print(await(asyncio.to_thread(function(a) return a * 2 end, 21)))
do
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(work(5))
end
print(select(2, pcall(await, asyncio.spawn(function() error("boom", 0) end))))
print(debug.traceback("tb"):match("^tb\nstack traceback:\n") ~= nil)
error("the end")
]])
out, err, code = cli.run('"$L" --clock=virtual ' .. cli.quote(script))
eq("all cleared: stdout", out, "true\ttrue\ttrue\ntrue\n2\nfalse\tTimeoutError\n3\n42\nboom\ntrue\n")
eq("all cleared: exit status", code, 1)
if not err:find("^luasync: [^\n]*:18: the end\nstack traceback:\n  task 'Task%-1':\n") then
  cli.fail("all cleared: the traceback of the uncaught error", err)
end
cli.finish()
