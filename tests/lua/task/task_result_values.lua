-- Values returned through await, task names (Task-1 is the main task),
-- set_name/get_name, tostring of tasks in each state (coro=<...> stripped).
-- Reference: reference/task_result_values.py

local function show(t)
  -- file paths and line numbers differ between languages: strip them
  local r = tostring(t)
  r = r:gsub(" coro=<[^<>]*>", "")
  r = r:gsub(" wait_for=<[^<>]*>", "")
  print(r)
end

local value = async(function(x)
  await(asyncio.sleep(0.01))
  return x * 2
end)

local nothing = async(function()
  await(asyncio.sleep(0))
end)

local fails = async(function()
  await(asyncio.sleep(0))
  error(asyncio.ValueError("boom"))
end)

local sleeper = async(function()
  await(asyncio.sleep(1))
end)

local main = async(function()
  print(asyncio.current_task():get_name())
  local r = await(value(5))
  print(("inline result %d"):format(r))
  local t = asyncio.create_task(value(21))
  show(t)
  print(t:get_name())
  r = await(t)
  print(("task result %d"):format(r))
  show(t)
  print(("result() %d"):format(t:result()))

  local n = asyncio.create_task(nothing())
  r = await(n)
  print(("nothing returned %s"):format(tostring(r)))

  local named = asyncio.create_task(value(1), {name = "custom"})
  print(named:get_name())
  show(named)
  named:set_name("renamed")
  print(named:get_name())
  show(named)
  await(named)
  show(named)

  -- unnamed tasks keep counting from the last unnamed one
  local f = asyncio.create_task(fails())
  print(f:get_name())
  await(asyncio.sleep(0))
  await(asyncio.sleep(0))
  print(("failed done=%s cancelled=%s"):format(tostring(f:done()), tostring(f:cancelled())))
  print(("exception %s"):format(tostring(f:exception())))
  show(f)

  local s = asyncio.create_task(sleeper())
  await(asyncio.sleep(0))
  show(s)
  s:cancel()
  show(s)
  await(asyncio.sleep(0))
  show(s)
  print(("cancelled=%s done=%s"):format(tostring(s:cancelled()), tostring(s:done())))
  print(("current is main: %s"):format(asyncio.current_task():get_name()))
end)

asyncio.run(main())
