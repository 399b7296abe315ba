-- The runtime's Lua code never reads the user's globals: a script that
-- clears select, pairs, table, rawget... (even all of _G at its end, as
-- Lua's own test suite does) goes on working and ends cleanly, also when a
-- part of the runtime loads only after that (Queue, TaskGroup, Lock). The
-- REPL survives the same at its prompt.
local cli = require "lib.cli"
local eq = cli.eq

local script = cli.tmpfile([[
local t = asyncio.spawn(function() await(asyncio.sleep(0.1)) return 1 end)
local next_ = next
select, pairs, ipairs, table, rawget, rawset, next, type, tostring, setmetatable, getmetatable = nil
error, pcall, xpcall, string, math, debug, coroutine, io, os, unpack, assert, tonumber, require = nil
local r = await(t)
local q = asyncio.Queue()
q:put_nowait(r)
local x = await(q:get())
do
  local tg <close> = asyncio.TaskGroup()
  tg:spawn(function() await(asyncio.sleep(0.1)) end)
end
await(asyncio.wait_for(asyncio.sleep(0.2), 1))
local l = asyncio.Lock()
do local _ <close> = await(l:acquire()) end
local e = asyncio.Event()
asyncio.spawn(function() e:set() end)
await(e:wait())
local res = await(asyncio.gather(asyncio.sleep(0, "a"), asyncio.sleep(0, "b")))
print("done", x, res[1], res[2])
-- Its first step runs after the script's last line, as a task's made in
-- the last step of asyncio.run's main does, then it is cancelled: it keeps
-- what it uses in locals, since the globals are gone by then.
local sleep, await_ = asyncio.sleep, await
asyncio.spawn(function() await_(sleep(10)) end)
local G = _G
for k in next_, G do G[k] = nil end
]])
local out, err, code = cli.run('"$L" --clock=virtual ' .. cli.quote(script))
eq("script: stdout", out, "done\t1\ta\tb\n")
eq("script: stderr", err, "")
eq("script: exit status", code, 0)

out, err, code = cli.run('"$L" -i --clock=virtual', "select, pairs, table, string, type, tostring = nil\n" ..
  "q = asyncio.Queue()\nq:put_nowait(42)\nawait(q:get())\n{1, 2, x = 3}\n")
eq("REPL: stderr", err, "")
eq("REPL: exit status", code, 0)
if not out:find("> await(q:get())\n42\n", 1, true) or not out:find("{1, 2, x = 3}\n", 1, true) then
  cli.fail("REPL: values after the globals went", out)
end
cli.finish()
