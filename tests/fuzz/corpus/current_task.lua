-- fuzz: terminates
-- current_task, all_tasks, names, a callback outside any task.
print(asyncio.current_task():get_name())
local t = asyncio.create_task(asyncio.sleep(1), { name = "sleeper" })
for _, task in ipairs(asyncio.all_tasks()) do print(task:get_name()) end
asyncio.get_running_loop():call_soon(function() print("in a callback:", asyncio.current_task()) end)
await(t)
print(#asyncio.all_tasks())
local inner = asyncio.spawn(function()
  local me = asyncio.current_task()
  me:set_name("renamed inside")
  return me:get_name(), me == asyncio.current_task()
end)
print(await(inner))
print(asyncio.get_event_loop() == asyncio.get_running_loop())
