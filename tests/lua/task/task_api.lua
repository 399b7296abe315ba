-- current_task, iscoroutine, reusing a coroutine, awaiting a non-awaitable,
-- get_coro, isfuture, ensure_future, all_tasks.
-- Reference: reference/task_api.py

local expect = require("lib.show").expect

local function task_names(tasks)
  local names = {}
  for _, x in ipairs(tasks) do names[#names + 1] = x:get_name() end
  table.sort(names)
  return table.concat(names, " ")
end

local f = async(function(x)
  await(asyncio.sleep(0.01))
  return x
end)

local main = async(function()
  local me = asyncio.current_task()
  print(("current task: %s done=%s"):format(me:get_name(), tostring(me:done())))

  -- coroutine objects
  local c = f(1)
  print(("iscoroutine(c)=%s iscoroutine(f)=%s"):format(tostring(asyncio.iscoroutine(c)), tostring(asyncio.iscoroutine(f))))
  print(("first await -> %d"):format(await(c)))
  local e = expect(asyncio.RuntimeError, pcall(await, c))
  print(("second await: %s"):format(tostring(e)))

  -- a value that is not awaitable
  expect(asyncio.TypeError, pcall(await, 5))
  print("await 5: TypeError")

  -- get_coro, isfuture, ensure_future
  c = f(2)
  local t = asyncio.create_task(c)
  print(("get_coro is the coroutine: %s"):format(tostring(t:get_coro() == c)))
  print(("iscoroutine(task)=%s isfuture(task)=%s"):format(tostring(asyncio.iscoroutine(t)), tostring(asyncio.isfuture(t))))
  local ef = asyncio.ensure_future(f(3))
  print(("ensure_future(coro) makes a task named %s"):format(ef:get_name()))
  print(("ensure_future(task) is the task: %s"):format(tostring(asyncio.ensure_future(t) == t)))

  -- all_tasks holds the live tasks (sorted here: CPython returns a set)
  print(("all_tasks: %s"):format(task_names(asyncio.all_tasks())))
  print(("%d %d"):format(await(t), await(ef)))
  print(("all_tasks after: %s"):format(task_names(asyncio.all_tasks())))

  -- current_task inside a child task
  local who = async(function()
    return asyncio.current_task():get_name()
  end)

  print(("child sees %s"):format(await(asyncio.create_task(who(), {name = "child"}))))
  print(("inline sees %s"):format(await(who())))
end)

asyncio.run(main())
