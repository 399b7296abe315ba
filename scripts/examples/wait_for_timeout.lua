-- wait_for_timeout: put a deadline on an awaitable. When the deadline passes, wait_for
-- cancels the inner coroutine (its cleanup runs), waits for it, then raises TimeoutError.
-- Python twin: python/wait_for_timeout.py
local operation = async(function(name, delay)
  print(("%s: started"):format(name))
  local okay, err = pcall(function() await(asyncio.sleep(delay)) end)
  if not okay then
    if asyncio.CancelledError:is(err) then print(("%s: cancelled"):format(name)) end
    error(err, 0) -- re-raise: a cancelled task must not swallow CancelledError
  end
  print(("%s: done"):format(name))
  return delay * 10
end)

local main = async(function()
  local t0 = time.perf_counter()
  local r = await(asyncio.wait_for(operation("fast", 1), 2))
  print(("fast: result %d after %.2f s"):format(r, time.perf_counter() - t0))

  t0 = time.perf_counter()
  local okay, err = pcall(function() return await(asyncio.wait_for(operation("slow", 10), 1.5)) end)
  if not okay then
    if not asyncio.TimeoutError:is(err) then error(err, 0) end
    print(("timeout: gave up on slow after %.2f s"):format(time.perf_counter() - t0))
  end
end)

asyncio.run(main())
