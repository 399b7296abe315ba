-- taskgroup_failure: t1 fails after 1 s; the TaskGroup cancels its sibling t2 and raises an
-- ExceptionGroup with t1's error once every child has finished.
-- Python twin: python/taskgroup_failure.py
local t1_job = async(function()
  await(asyncio.sleep(1))
  error(asyncio.ValueError("t1 went wrong"))
end)

local t2_job = async(function()
  local ok, e = pcall(await, asyncio.sleep(5))
  if not ok then
    print("t2: cancelled at the 1 s mark, cleaning up")
    error(e, 0)                                 -- re-raise the cancellation
  end
  print("t2: finished")
end)

local main = async(function()
  local t1, t2
  local ok, eg = pcall(function()
    local tg <close> = asyncio.TaskGroup()     -- async with asyncio.TaskGroup() as tg:
    t1 = tg:create_task(t1_job())
    t2 = tg:create_task(t2_job())
  end)
  print("caught: " .. tostring(eg))
  for _, e in ipairs(eg.exceptions) do print("  sub-exception: " .. tostring(e)) end
  print("t1 cancelled? " .. tostring(t1:cancelled()))
  print("t2 cancelled? " .. tostring(t2:cancelled()))
end)

asyncio.run(main())
