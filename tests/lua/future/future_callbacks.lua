-- Future done callbacks: registration order shared with awaiting tasks,
-- remove_done_callback, callbacks scheduled (not run) by set_result/cancel,
-- a callback resolving another future, callbacks added after completion.
-- Reference: reference/future_callbacks.py

local main = async(function()
  local loop = asyncio.get_running_loop()
  local fut = loop:create_future()

  local function cb1(f)
    print(("cb1 result=%s"):format(f:result()))
  end

  local function cb2(f)
    print(("cb2 result=%s same=%s"):format(f:result(), tostring(f == fut)))
  end

  fut:add_done_callback(cb1)
  fut:add_done_callback(cb2)
  fut:add_done_callback(cb1)

  local waiter = async(function(name)
    print(("%s waits"):format(name))
    local v = await(fut)
    print(("%s got %s"):format(name, v))
  end)

  local w1 = asyncio.create_task(waiter("w1"))
  await(asyncio.sleep(0))
  fut:add_done_callback(cb2)
  local w2 = asyncio.create_task(waiter("w2"))
  await(asyncio.sleep(0))
  print(("removed cb1: %d"):format(fut:remove_done_callback(cb1)))
  fut:add_done_callback(cb1)

  -- set_result only schedules the callbacks
  fut:set_result("v")
  print("set_result returned")
  await(asyncio.sleep(0))
  print("main after sleep(0)")
  await(w1)
  await(w2)

  -- a callback that resolves another future
  local f1 = loop:create_future()
  local f2 = loop:create_future()
  f1:add_done_callback(function(f) f2:set_result(f:result() + 1) end)
  loop:call_later(0.05, function() f1:set_result(10) end)
  print(("chained -> %d"):format(await(f2)))

  -- cancelling a future runs its callbacks too
  local f3 = loop:create_future()
  f3:add_done_callback(function(f) print(("f3 callback cancelled=%s"):format(tostring(f:cancelled()))) end)
  print(("cancel -> %s"):format(tostring(f3:cancel())))
  await(asyncio.sleep(0))

  -- a callback added to a finished future runs soon, not at once
  f3:add_done_callback(function(f) print("late callback") end)
  print("added late callback")
  await(asyncio.sleep(0))
  print("main end")
end)

asyncio.run(main())
