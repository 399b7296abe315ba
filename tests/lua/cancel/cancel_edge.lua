-- Cancellation edge cases: a task cancelling itself, cancel after the awaited
-- future got its result (cancellation wins), cancel + uncancel before the
-- first step (3.13: the body runs), cancel of a finished task, callbacks of a
-- task cancelled before it ran.
-- Reference: reference/cancel_edge.py

local function is_cancel(ok, e)
  if ok or not asyncio.CancelledError:is(e) then error(e, 0) end
  return e
end

local main = async(function()
  local loop = asyncio.get_running_loop()

  -- 1. a task that cancels itself is interrupted at its next await
  local self_cancel = async(function()
    print(("self: cancel -> %s"):format(tostring(asyncio.current_task():cancel("myself"))))
    print("self: still running")
    local ok, e = pcall(await, asyncio.sleep(0))
    if not ok then
      is_cancel(ok, e)
      print(("self: %s at the next await"):format(tostring(e)))
      error(e, 0)
    end
  end)

  local t = asyncio.create_task(self_cancel())
  is_cancel(pcall(await, t))
  print(("self_cancel cancelled=%s"):format(tostring(t:cancelled())))

  -- 2. a task that cancels itself and then awaits a future cancels the future
  local fut = loop:create_future()

  local self_cancel_future = async(function()
    asyncio.current_task():cancel()
    local ok, e = pcall(await, fut)
    if not ok then
      is_cancel(ok, e)
      print(("future cancelled=%s"):format(tostring(fut:cancelled())))
      error(e, 0)
    end
  end)

  t = asyncio.create_task(self_cancel_future())
  is_cancel(pcall(await, t))
  print("self_cancel_future cancelled")

  -- 2b. the same with a sleep: interrupted at once, not after the delay
  local self_cancel_sleep = async(function()
    asyncio.current_task():cancel()
    local t0 = loop:time()
    local ok, e = pcall(await, asyncio.sleep(5))
    if not ok then
      is_cancel(ok, e)
      print(("sleep interrupted after %.1f"):format(loop:time() - t0))
      error(e, 0)
    end
  end)

  t = asyncio.create_task(self_cancel_sleep())
  is_cancel(pcall(await, t))
  print("self_cancel_sleep cancelled")

  -- 3. cancel after the awaited future got its result but before the task
  --    resumed: the cancellation wins and the result is dropped
  fut = loop:create_future()

  local wait_fut = async(function()
    local ok, v = pcall(await, fut)
    if ok then
      print(("wait_fut got %s"):format(v))
    else
      is_cancel(ok, v)
      print(("wait_fut: %s instead of the result"):format(tostring(v)))
      error(v, 0)
    end
  end)

  t = asyncio.create_task(wait_fut())
  await(asyncio.sleep(0))
  fut:set_result("late result")
  print(("cancel -> %s"):format(tostring(t:cancel("too late"))))
  local e = is_cancel(pcall(await, t))
  print(("wait_fut %s"):format(tostring(e)))

  -- 4. cancel then uncancel before the first step: the body runs normally
  local body = async(function()
    print("body runs")
    await(asyncio.sleep(0.01))
    return "body result"
  end)

  t = asyncio.create_task(body())
  t:cancel()
  print(("cancelling=%d uncancel -> %d"):format(t:cancelling(), t:uncancel()))
  print(await(t))
  print(("cancelled=%s"):format(tostring(t:cancelled())))

  -- 5. cancel of a task that already finished but was not awaited
  local quick = async(function()
    return "quick"
  end)

  t = asyncio.create_task(quick())
  await(asyncio.sleep(0))
  print(("done=%s cancel -> %s result=%s"):format(tostring(t:done()), tostring(t:cancel()), t:result()))

  -- 6. callbacks of a task cancelled before it ever ran
  t = asyncio.create_task(body())
  t:add_done_callback(function(f) print(("callback cancelled=%s"):format(tostring(f:cancelled()))) end)
  t:cancel()
  await(asyncio.sleep(0))
  print("after first sleep(0)")
  await(asyncio.sleep(0))
  print("main end")
end)

asyncio.run(main())
