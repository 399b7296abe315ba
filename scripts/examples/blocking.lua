-- blocking: time.sleep blocks the whole event loop, so nothing else runs meanwhile and
-- two tasks take 1 + 1 = 2 s. await(asyncio.sleep(...)) only suspends the task that
-- calls it, so two tasks sleep at the same time and take 1 s.
-- Python twin: python/blocking.py
local blocking_worker = async(function(name)
  print(("%s: start"):format(name))
  time.sleep(1) -- blocks the loop: no other task can run
  print(("%s: done"):format(name))
end)

local polite_worker = async(function(name)
  print(("%s: start"):format(name))
  await(asyncio.sleep(1)) -- suspends only this task
  print(("%s: done"):format(name))
end)

local main = async(function()
  local t0 = time.perf_counter()
  await(asyncio.gather(blocking_worker("blocking A"), blocking_worker("blocking B")))
  print(("with time.sleep: finished in %.2f s"):format(time.perf_counter() - t0))

  t0 = time.perf_counter()
  await(asyncio.gather(polite_worker("async A"), polite_worker("async B")))
  print(("with asyncio.sleep: finished in %.2f s"):format(time.perf_counter() - t0))
end)

asyncio.run(main())
