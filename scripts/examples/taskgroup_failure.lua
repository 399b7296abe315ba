-- taskgroup_failure: when one child of an asyncio.TaskGroup fails, the group cancels the
-- others, waits for them, and raises an ExceptionGroup holding every child's error.
-- `local tg <close> = asyncio.TaskGroup()` is Python's `async with asyncio.TaskGroup() as tg:`;
-- the group's end is the end of the block (here, of the pcall'd function).
-- Python twin: python/taskgroup_failure.py
local t0

local function log(fmt, ...)
  print(("%3.1f s  " .. fmt):format(time.perf_counter() - t0, ...))
end

local fails_after = async(function(delay)
  await(asyncio.sleep(delay))
  log("t1 fails")
  error(asyncio.ValueError("t1 went wrong"))
end)

local works_for = async(function(delay)
  local ok, err = pcall(await, asyncio.sleep(delay))
  if not ok then
    log("t2 is cancelled")
    error(err, 0) -- re-raise the CancelledError
  end
  log("t2 finished")
end)

local main = async(function()
  t0 = time.perf_counter()
  local t1, t2
  local ok, err = pcall(function()
    local tg <close> = asyncio.TaskGroup()
    t1 = tg:create_task(fails_after(1))
    t2 = tg:create_task(works_for(5))
    log("both started")
  end)
  if not ok and asyncio.ExceptionGroup:is(err) then
    log("caught %s", tostring(err))
    for _, e in ipairs(err.exceptions) do log("  %s", tostring(e)) end
  end
  print(("t1 cancelled? %s"):format(t1:cancelled()))
  print(("t2 cancelled? %s"):format(t2:cancelled()))
end)

asyncio.run(main())
