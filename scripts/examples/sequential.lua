-- sequential: awaiting coroutines one after another. Each await waits for the
-- previous job to finish, so the total time is the sum of the sleeps (2 + 3 + 1 = 6 s).
-- Python twin: python/sequential.py
local job = async(function(name, delay)
  print(("%s: start, sleeping %d s"):format(name, delay))
  await(asyncio.sleep(delay))
  print(("%s: finish"):format(name))
  return delay
end)

local main = async(function()
  local t0 = time.perf_counter()
  await(job("A", 2))
  await(job("B", 3))
  await(job("C", 1))
  print(("finished in %.2f s"):format(time.perf_counter() - t0))
end)

asyncio.run(main())
