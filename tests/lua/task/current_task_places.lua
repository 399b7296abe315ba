-- asyncio.current_task() wherever code can run: in a task, in a generator it
-- drives, in a finalizer that runs during its step, in its handler of a
-- cancellation, after a task it awaited finished, and outside any task (a
-- call_soon callback, a done callback).
-- Reference: reference/current_task_places.py

local function name()
  local t = asyncio.current_task()
  return t ~= nil and t:get_name() or tostring(nil)
end

local gen = coroutine.wrap(function() coroutine.yield(name()) end)

local child = async(function()
  await(asyncio.sleep(0))
  return name()
end)

local victim = async(function()
  local ok, e = pcall(await, asyncio.sleep(10))
  if not ok and asyncio.CancelledError:is(e) then
    print(("cancelled, in its handler: %s"):format(name()))
  end
  error(e, 0)
end)

local inner = async(function()
  await(asyncio.sleep(0))
  return name()
end)

-- spawn's task runs the coroutine object its function returns, in the same
-- step (in Python: a coroutine that awaits the other).
local function outer() return inner() end

local main = async(function()
  local loop = asyncio.get_running_loop()
  print(("main: %s"):format(name()))
  print(("in a generator: %s"):format(gen()))
  do
    local p = setmetatable({}, { __gc = function() print(("finalizer: %s"):format(name())) end })
    p = nil
    collectgarbage()
  end
  loop:call_soon(function() print(("call_soon callback: %s"):format(name())) end)
  local t = asyncio.create_task(child(), { name = "child" })
  t:add_done_callback(function(f) print(("done callback of %s: %s"):format(f:get_name(), name())) end)
  print(("child returned: %s"):format(await(t)))
  print(("main after the await: %s"):format(name()))
  local v = asyncio.create_task(victim(), { name = "victim" })
  await(asyncio.sleep(0))
  v:cancel()
  local ok, e = pcall(await, v)
  if not ok and asyncio.CancelledError:is(e) then
    print(("main after the cancellation: %s"):format(name()))
  end
  local o = asyncio.spawn(outer)
  o:set_name("outer")
  print(("a task running what its function returned: %s"):format(await(o)))
  for i = 0, 2 do
    asyncio.create_task(child(), { name = "c" .. i }):add_done_callback(function(f)
      print(("%s saw %s"):format(f:get_name(), f:result()))
    end)
  end
  await(asyncio.sleep(0.01))
  print(("main at the end: %s"):format(name()))
end)

asyncio.run(main())
