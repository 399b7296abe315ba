-- A coroutine object given to create_task and awaited before the task's
-- first step runs in the await, as CPython's: the await gives its results,
-- and the task then fails with "cannot reuse already awaited coroutine"
-- (reported as never retrieved when nothing asks). The await raised that
-- error instead, and the task ran the coroutine.
-- The same for an op (a library coroutine object, asyncio.sleep(1, v) or
-- q:get()): the task's first step failed with "coroutine is being awaited
-- already" while the await still ran it.
-- Reference: reference/create_task_then_await.py
local f = async(function(x)
  print("f start", x)
  await(asyncio.sleep(1))
  print("f end", x)
  return x
end)
local quick = async(function(x)
  print("quick", x)
  return x
end)
local function show(label, ok, ...)
  print(label, ok and "ok" or "raised", ...)
end
local c = quick(1)
local t = asyncio.create_task(c)
show("await", pcall(await, c))
show("task", pcall(await, t))
c = f(2)
t = asyncio.create_task(c)
show("await", pcall(await, c))
show("task", pcall(await, t))
c = asyncio.sleep(1, 4)
t = asyncio.create_task(c)
show("await op", pcall(await, c))
show("task", pcall(await, t))
local q = asyncio.Queue()
q:put_nowait(5)
c = q:get()
t = asyncio.create_task(c)
show("await op", pcall(await, c))
show("task", pcall(await, t))
-- a task nothing awaits: its error is reported once it is collected
c = quick(3)
asyncio.create_task(c)
show("await", pcall(await, c))
await(asyncio.sleep(0))
collectgarbage()
collectgarbage()
print("end")
