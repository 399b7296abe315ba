-- Task states and misuse: result()/exception() while pending, set_result on
-- a task, sleep's result argument and negative delay, a message given to a
-- cancel before the first step, a task awaiting itself, current_task in a
-- callback, a body raising CancelledError.
-- Reference: reference/task_states.py

local function attempt(label, fn)
  local ok, v = pcall(fn)
  if ok then
    print(("%s -> %s"):format(label, tostring(v)))
  else
    print(("%s raised %s"):format(label, tostring(v)))
  end
end

local work = async(function(x)
  await(asyncio.sleep(0.01))
  return x
end)

local main = async(function()
  local loop = asyncio.get_running_loop()

  -- a pending task
  local t = asyncio.create_task(work(1))
  print(("done=%s cancelled=%s"):format(tostring(t:done()), tostring(t:cancelled())))
  attempt("result()", function() return t:result() end)
  attempt("exception()", function() return t:exception() end)
  attempt("set_result()", function() return t:set_result(1) end)
  attempt("set_exception()", function() return t:set_exception(asyncio.ValueError("x")) end)
  print(("await -> %d"):format(await(t)))

  -- sleep returns its result argument; a negative delay is like sleep(0)
  print(("sleep result -> %s"):format(await(asyncio.sleep(0.01, "slept"))))

  local other = async(function()
    print("other runs")
  end)

  local o = asyncio.create_task(other())
  await(asyncio.sleep(-1))
  print("after sleep(-1)")
  await(o)

  -- cancel with a message before the task started
  t = asyncio.create_task(work(2))
  t:cancel("early message")
  local ok, e = pcall(await, t)
  if ok or not asyncio.CancelledError:is(e) then error(e, 0) end
  print(("early cancel: %s"):format(tostring(e)))

  -- a task awaiting itself
  local self_await = async(function()
    local ok, e = pcall(await, asyncio.current_task())
    if not ok then
      if not asyncio.RuntimeError:is(e) then error(e, 0) end
      print("self await: RuntimeError")
    end
    return "self ok"
  end)

  print(await(asyncio.create_task(self_await())))

  -- current_task outside any task (in a callback)
  loop:call_soon(function() print(("current_task in callback: %s"):format(tostring(asyncio.current_task()))) end)
  await(asyncio.sleep(0))

  -- a task whose body raises CancelledError itself counts as cancelled
  local raises_cancel = async(function()
    await(asyncio.sleep(0))
    error(asyncio.CancelledError("self raised"))
  end)

  t = asyncio.create_task(raises_cancel())
  ok, e = pcall(await, t)
  if ok or not asyncio.CancelledError:is(e) then error(e, 0) end
  print(("raised cancel: %s cancelled=%s"):format(tostring(e), tostring(t:cancelled())))
  print("main end")
end)

asyncio.run(main())
