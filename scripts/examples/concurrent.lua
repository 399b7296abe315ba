-- concurrent: the same three jobs as sequential.lua, but started as tasks first and
-- awaited afterwards. They sleep at the same time, so the total is the longest sleep (3 s).
-- Python twin: python/concurrent_tasks.py
local job = async(function(name, delay)
  print(("%s: start, sleeping %d s"):format(name, delay))
  await(asyncio.sleep(delay))
  print(("%s: finish"):format(name))
  return delay
end)

local main = async(function()
  local t0 = time.perf_counter()
  local a = asyncio.create_task(job("A", 2))
  local b = asyncio.create_task(job("B", 3))
  local c = asyncio.create_task(job("C", 1))
  await(a)
  await(b)
  await(c)
  print(("finished in %.2f s"):format(time.perf_counter() - t0))
end)

asyncio.run(main())
