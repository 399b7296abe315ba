-- fuzz: terminates
-- Task methods: names, done callbacks (added, removed, on failure), results.
local job = async(function(fail)
  await(asyncio.sleep(1))
  if fail then error(asyncio.RuntimeError("job failed")) end
  return "ok", "and more"
end)

local t = asyncio.create_task(job(), { name = "job" })
print(t:done(), t:get_name(), asyncio.iscoroutine(t:get_coro()))
print(pcall(t.result, t))
t:set_name("renamed")
t:add_done_callback(function(task) print("done callback:", task:get_name(), task:result()) end)
t:add_done_callback(print)
print(t:remove_done_callback(print))
print(await(t))
print(t:done(), t:cancelled(), t:exception(), t:result())

local bad = asyncio.create_task(job(true))
bad:add_done_callback(function(task) print("failed with", task:exception()) end)
print(pcall(await, bad))
local c = asyncio.create_task(job())
c:add_done_callback(function(task) print("cancelled?", task:cancelled()) end)
c:cancel()
print(pcall(await, c))
print(pcall(c.exception, c))
print(tostring(t):sub(1, 10))
