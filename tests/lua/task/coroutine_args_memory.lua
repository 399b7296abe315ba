-- A coroutine object lets go of its arguments when it starts (the call that
-- runs it owns them from then on, on its Lua stack) or when it will never
-- run (closed, or its task cancelled before its first step), as CPython's
-- coroutine frees its frame: an 8 MB string passed to an async function is
-- freed once the call ends, though the coroutine object, the task that ran
-- it or the gather is still held. The object kept its arguments as long as
-- it lived: a finished task kept the upload body it was given (the HTTP
-- client took its arguments out itself to avoid that).
local heap_kb = require "lib.heap"
local MB = 8
local function big() return string.rep("x", MB * 1024 * 1024) end

local f = async(function(s, tag)
  await(asyncio.sleep(0))
  return #s // (1024 * 1024), tag
end)
local quick = async(function(s) return #s // (1024 * 1024) end)

local base = heap_kb()
local function check(label)
  local grown = (heap_kb() - base) / 1024
  print(label, grown < MB / 2 and "freed" or ("kept (%.0f MB)"):format(grown))
end

local c = f(big(), "inline")
assert(tostring(c) == "<coroutine f>", tostring(c))
print(await(c))
assert(tostring(c) == "<coroutine f>", tostring(c))
check("awaited inline, held")
local ok, e = pcall(await, c)
print(ok, tostring(e))

c = quick(big())
print(await(c))
check("awaited inline, no await inside")

local t = asyncio.create_task(f(big(), "task"))
print(await(t))
check("create_task, task held")
assert(t:get_coro() ~= nil)
assert(tostring(t):find("coro=<f() done", 1, true), tostring(t))

t = asyncio.spawn(f, big(), "spawn")
print(await(t))
check("spawn of an async function, task held")

c = f(big(), "run")
print(asyncio.run(c))
check("asyncio.run in the running loop, held")

local g = asyncio.gather(f(big(), "a"), quick(big()))
local r = await(g)
print(r[1], r[2])
check("gathered, held")

do
  local tg <close> = asyncio.TaskGroup()
  t = tg:create_task(f(big(), "group"))
end
print(t:result())
check("TaskGroup, task held")

c = f(big(), "cancelled")
t = asyncio.create_task(c)
t:cancel()
print(pcall(await, t))
check("cancelled before its first step, held")

c = f(big(), "closed")
c:close()
check("closed, held")

c = f(big(), "run by an await")
t = asyncio.create_task(c)
print(await(c))
print(pcall(await, t))
check("its task's coroutine run by an await, held")

local drops = async(function(s)
  s = nil
  check("running, its local dropped")
  await(asyncio.sleep(0))
end)
c = drops(big())
await(c)
