-- add_done_callback order, callbacks run on a later loop iteration,
-- remove_done_callback returns how many were removed.
-- Reference: reference/task_done_callbacks.py

local work = async(function(x)
  print(("work %d start"):format(x))
  await(asyncio.sleep(0.01))
  print(("work %d end"):format(x))
  return x
end)

local function make_cb(label)
  local function cb(fut)
    print(("cb %s: done=%s result=%s"):format(label, tostring(fut:done()), tostring(fut:result())))
  end
  return cb
end

local main = async(function()
  local t = asyncio.create_task(work(1))
  local cb_a = make_cb("a")
  local cb_b = make_cb("b")
  local cb_c = make_cb("c")
  t:add_done_callback(cb_a)
  t:add_done_callback(cb_b)
  t:add_done_callback(cb_c)
  t:add_done_callback(cb_b)
  print(("removed b: %d"):format(t:remove_done_callback(cb_b)))
  print(("removed b again: %d"):format(t:remove_done_callback(cb_b)))
  -- the awaiting main task registers its wake-up after cb_c
  local r = await(t)
  print(("main resumed with %d"):format(r))

  -- callbacks added to a finished task run on a later loop iteration
  t:add_done_callback(make_cb("late"))
  print("after add on done task")
  await(asyncio.sleep(0))
  print("after sleep(0)")

  -- awaiter registered before the callbacks is woken first
  local t2 = asyncio.create_task(work(2))

  local waiter = async(function()
    local r = await(t2)
    print(("waiter got %d"):format(r))
  end)

  local w = asyncio.create_task(waiter())
  await(asyncio.sleep(0))
  t2:add_done_callback(make_cb("x"))
  t2:add_done_callback(make_cb("y"))
  await(w)
  await(asyncio.sleep(0))

  -- a callback on a cancelled task
  local t3 = asyncio.create_task(work(3))

  local function on_cancel(fut)
    print(("cancel cb: cancelled=%s"):format(tostring(fut:cancelled())))
  end

  t3:add_done_callback(on_cancel)
  await(asyncio.sleep(0))
  t3:cancel()
  print("cancel requested")
  await(asyncio.sleep(0))
  print("after one sleep(0)")
  await(asyncio.sleep(0))
  print("main end")
end)

asyncio.run(main())
