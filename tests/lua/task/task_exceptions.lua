-- Errors raised in tasks: awaiting re-raises, exception()/result(),
-- propagation through inline awaits, errors before the first await,
-- a failing task beside a healthy one, and .cause.
-- Reference: reference/task_exceptions.py

local expect = require("lib.show").expect

local boom = async(function(msg, delay)
  print(("boom %s start"):format(msg))
  await(asyncio.sleep(delay))
  print(("boom %s raising"):format(msg))
  error(asyncio.ValueError(msg))
end)

local middle = async(function()
  print("middle awaits boom")
  local ok, r = pcall(await, boom("deep", 0.01))
  print("middle cleanup")
  if not ok then error(r, 0) end
  return r
end)

local top = async(function()
  print("top awaits middle")
  return await(middle())
end)

local main = async(function()
  -- awaiting a failed task re-raises its error
  local t = asyncio.create_task(boom("one", 0.01))
  local e = expect(asyncio.ValueError, pcall(await, t))
  print(("await raised %s"):format(tostring(e)))
  print(("done=%s cancelled=%s"):format(tostring(t:done()), tostring(t:cancelled())))
  print(("exception() -> %s"):format(tostring(t:exception())))
  e = expect(asyncio.ValueError, pcall(function() return t:result() end))
  print(("result() raised %s"):format(tostring(e)))
  -- awaiting it again raises the same error again
  e = expect(asyncio.ValueError, pcall(await, t))
  print(("second await raised %s same=%s"):format(tostring(e), tostring(e == t:exception())))

  -- exception() of a task that succeeded is nil
  local fine = async(function()
    return 1
  end)

  local ok = asyncio.create_task(fine())
  await(ok)
  print(("exception() of ok task -> %s"):format(tostring(ok:exception())))

  -- an error travels through inline awaits and through tasks
  t = asyncio.create_task(top())
  e = expect(asyncio.ValueError, pcall(await, t))
  print(("through chain: %s"):format(tostring(e)))

  -- an error raised before the first await
  local early = async(function()
    error(asyncio.RuntimeError("early failure"))
  end)

  t = asyncio.create_task(early())
  print("early task created")
  await(asyncio.sleep(0))
  print(("early done=%s exception=%s"):format(tostring(t:done()), tostring(t:exception())))

  -- a failing task does not disturb the others
  local steady = async(function(n)
    for i = 0, n - 1 do
      print(("steady %d"):format(i))
      await(asyncio.sleep(0.01))
    end
    return "steady done"
  end)

  local s = asyncio.create_task(steady(3))
  local b = asyncio.create_task(boom("side", 0.015))
  print(await(s))
  e = expect(asyncio.ValueError, pcall(await, b))
  print(("side task %s"):format(tostring(e)))

  -- raising from an except block of another error
  local reraiser = async(function()
    local ok, e = pcall(await, boom("inner", 0))
    if not ok then
      expect(asyncio.ValueError, ok, e)
      local err = asyncio.RuntimeError(("wrapped %s"):format(e.message))
      err.cause = e
      error(err)
    end
  end)

  t = asyncio.create_task(reraiser())
  e = expect(asyncio.RuntimeError, pcall(await, t))
  print(("%s cause=%s"):format(tostring(e), tostring(e.cause)))
  print("main end")
end)

asyncio.run(main())
