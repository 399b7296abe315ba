-- Order of first steps of created tasks, FIFO interleaving on sleep(0),
-- awaiter resuming after the awaited task finishes, awaiting done tasks.
-- Reference: reference/task_order.py

local worker = async(function(name, n)
  for i = 0, n - 1 do
    print(("%s step %d"):format(name, i))
    await(asyncio.sleep(0))
  end
  print(("%s done"):format(name))
  return name
end)

local main = async(function()
  print("main start")
  local a = asyncio.create_task(worker("a", 3))
  local b = asyncio.create_task(worker("b", 2))
  local c = asyncio.create_task(worker("c", 3))
  print("tasks created")
  local r = await(b)
  print(("main got %s"):format(r))
  r = await(a)
  print(("main got %s"):format(r))
  r = await(c)
  print(("main got %s"):format(r))

  -- awaiting a task that is already done does not yield
  local d = asyncio.create_task(worker("d", 1))
  print(("b done: %s"):format(tostring(b:done())))
  r = await(b)
  print(("await done task gave %s before d ran"):format(r))
  -- awaiting a coroutine inline does not create a task nor yield
  r = await(worker("inline", 0))
  print(("inline gave %s"):format(r))
  await(asyncio.sleep(0))
  print("main after sleep(0)")
  r = await(d)
  print(("main got %s"):format(r))

  -- a task created by a task runs after the tasks already ready
  local parent = async(function()
    print("parent start")
    asyncio.create_task(worker("child", 1))
    print("parent created child")
    await(asyncio.sleep(0))
    print("parent resumed")
  end)

  local p = asyncio.create_task(parent())
  local q = asyncio.create_task(worker("q", 1))
  await(p)
  await(q)
  await(asyncio.sleep(0))
  print("main end")
end)

asyncio.run(main())
