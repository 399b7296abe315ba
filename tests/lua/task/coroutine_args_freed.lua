-- A coroutine object's arguments are freed when it ends, though the object
-- (or the task that ran it, or the gather) is still held, as CPython frees
-- them with the coroutine's frame: they live on the Lua stack of the call
-- from its start, and the object lets go of them then. The object kept them
-- as long as it lived: a finished task held its coroutine's arguments.
-- Reference: reference/coroutine_args_freed.py
local alive = 0
local Big = { __gc = function() alive = alive - 1 end }
local function big()
  alive = alive + 1
  return setmetatable({}, Big)
end

local function show(label)
  collectgarbage()
  collectgarbage()
  print(label, "alive " .. alive)
end

local f = async(function(x, tag)
  await(asyncio.sleep(0))
  return tag
end)

local drops = async(function(x)
  x = nil
  show("running, its local dropped")
  await(asyncio.sleep(0))
end)

local c = f(big(), "inline")
show("made")
print(await(c))
show("awaited inline, held")
local _, e = pcall(await, c)
print(e.message)
local t = asyncio.create_task(f(big(), "task"))
print(await(t))
show("task done, held")
local g = asyncio.gather(f(big(), "a"), f(big(), "b"))
local r = await(g)
print(r[1], r[2])
show("gathered, held")
c = drops(big())
await(c)
show("end")
