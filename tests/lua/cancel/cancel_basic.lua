-- Cancellation: messages, cancel before the first step, cancel of a ready
-- task, catching CancelledError, cancelling()/uncancel() counting, and
-- propagation between a task and what it awaits.
-- Reference: reference/cancel_basic.py

local function expect_cancelled(ok, e)
  if ok or not asyncio.CancelledError:is(e) then error(e, 0) end
  return e
end

local sleeper = async(function(name, delay)
  print(("%s start"):format(name))
  local ok, e = pcall(await, asyncio.sleep(delay))
  if not ok then
    print(("%s cleanup after %s"):format(name, tostring(e)))
    error(e, 0)
  end
  print(("%s finished sleeping"):format(name))
  return name
end)

local main = async(function()
  -- 1. cancel a sleeping task with a message
  local t = asyncio.create_task(sleeper("t1", 1))
  await(asyncio.sleep(0))
  print(("cancel -> %s"):format(tostring(t:cancel("bye"))))
  print(("done=%s cancelling=%d"):format(tostring(t:done()), t:cancelling()))
  local e = expect_cancelled(pcall(await, t))
  print(("await raised %s"):format(tostring(e)))
  print(("done=%s cancelled=%s"):format(tostring(t:done()), tostring(t:cancelled())))
  -- (only the class: CPython hands the original message to the first
  -- retrieval only)
  expect_cancelled(pcall(function() return t:result() end))
  print("result() raised CancelledError")
  expect_cancelled(pcall(function() return t:exception() end))
  print("exception() raised CancelledError")
  print(("cancel done task -> %s"):format(tostring(t:cancel())))

  -- 2. cancel before the first step: the body never runs
  t = asyncio.create_task(sleeper("t2", 1))
  print(("cancel -> %s"):format(tostring(t:cancel())))
  e = expect_cancelled(pcall(await, t))
  print(("await raised %s"):format(tostring(e)))
  print(("cancelled=%s"):format(tostring(t:cancelled())))

  -- 3. cancel a task that is ready to run (after sleep(0))
  local spinner = async(function()
    for i = 0, 4 do
      print(("spin %d"):format(i))
      await(asyncio.sleep(0))
    end
    return "spun"
  end)

  t = asyncio.create_task(spinner())
  await(asyncio.sleep(0))
  await(asyncio.sleep(0))
  t:cancel()
  print("spinner cancel requested")
  e = expect_cancelled(pcall(await, t))
  print(("spinner %s"):format(tostring(e)))

  -- 4. a task that catches CancelledError and returns a value
  local stubborn = async(function()
    local ok, e = pcall(await, asyncio.sleep(1))
    if not ok then
      expect_cancelled(ok, e)
      print(("stubborn caught %s"):format(tostring(e)))
      local task = asyncio.current_task()
      print(("stubborn cancelling=%d"):format(task:cancelling()))
      print(("uncancel -> %d"):format(task:uncancel()))
      print(("uncancel -> %d"):format(task:uncancel()))
      print(("uncancel -> %d"):format(task:uncancel()))
    end
    await(asyncio.sleep(0.01))
    print("stubborn keeps going")
    return "survived"
  end)

  t = asyncio.create_task(stubborn())
  await(asyncio.sleep(0))
  t:cancel("first")
  t:cancel()
  print(("cancelling after two cancels=%d"):format(t:cancelling()))
  local r = await(t)
  print(("stubborn returned %s cancelled=%s"):format(r, tostring(t:cancelled())))

  -- 5. cancelling a task that awaits another task cancels the inner one
  local inner = asyncio.create_task(sleeper("inner", 1))

  local outer = async(function()
    print("outer awaits inner")
    local ok, r = pcall(await, inner)
    print("outer cleanup")
    if not ok then error(r, 0) end
    return r
  end)

  local o = asyncio.create_task(outer())
  await(asyncio.sleep(0))
  o:cancel("stop")
  e = expect_cancelled(pcall(await, o))
  print(("outer %s"):format(tostring(e)))
  print(("inner cancelled=%s outer cancelled=%s"):format(tostring(inner:cancelled()), tostring(o:cancelled())))

  -- 6. cancelling a task that awaits a future cancels the future
  local fut = asyncio.get_running_loop():create_future()

  local wait_fut = async(function()
    return await(fut)
  end)

  local w = asyncio.create_task(wait_fut())
  await(asyncio.sleep(0))
  w:cancel()
  print(("future cancelled right away=%s"):format(tostring(fut:cancelled())))
  e = expect_cancelled(pcall(await, w))
  print(("waiter %s"):format(tostring(e)))

  -- 7. cancelling the awaited task leaves the awaiter running
  inner = asyncio.create_task(sleeper("inner2", 1))

  local awaiter = async(function()
    local ok, e = pcall(await, inner)
    if not ok then
      expect_cancelled(ok, e)
      print(("awaiter saw %s"):format(tostring(e)))
    end
    return "awaiter ok"
  end)

  local a = asyncio.create_task(awaiter())
  await(asyncio.sleep(0))
  inner:cancel("inner only")
  r = await(a)
  print(("%s cancelled=%s cancelling=%d"):format(r, tostring(a:cancelled()), a:cancelling()))
  print("main end")
end)

asyncio.run(main())
