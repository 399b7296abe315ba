-- coroutine.yield in a task's own coroutine (no generator to yield to): as
-- CPython's Task answers a bad yield, a RuntimeError "Task got bad yield"
-- arrives at the yield one loop iteration later, where pcall can catch it;
-- uncaught, the task fails with it; a cancel meanwhile wins.
-- Reference: reference/task_bad_yield.py

local p = require("lib.show").p

local function bad(v)
  local ok, e = pcall(coroutine.yield, v)
  if not ok then
    if getmetatable(e) ~= asyncio.RuntimeError then error(e, 0) end
    p("caught", e)
  end
  return 5
end

local function other()
  for i = 0, 2 do
    p("other", i)
    await(asyncio.sleep(0))
  end
end

local main = async(function()
  local t = asyncio.create_task(other)
  await(asyncio.sleep(0))
  p("before")
  p("result", bad(1))
  p("after")
  await(t)

  -- uncaught: the task fails with the RuntimeError
  local u = asyncio.create_task(function() coroutine.yield(7) end)
  local ok, e = pcall(await, u)
  if not ok then p("task failed:", e) end

  -- cancelled while the RuntimeError is on its way: CancelledError wins
  local c = asyncio.create_task(function()
    local ok2, e2 = pcall(bad, 2)
    if not ok2 then
      if getmetatable(e2) == asyncio.CancelledError then p("cancelled instead") end
      error(e2, 0)
    end
  end)
  await(asyncio.sleep(0))
  c:cancel()
  ok, e = pcall(await, c)
  if not ok and getmetatable(e) == asyncio.CancelledError then p("c cancelled:", c:cancelled()) end
end)

asyncio.run(main())
