-- gather: run several coroutines concurrently and collect their return values.
-- The results come back in the order the coroutines were passed, not the order they finished.
-- Python twin: python/gather.py
local fetch = async(function(what, delay, value)
  print(("fetch %s: started"):format(what))
  await(asyncio.sleep(delay))
  print(("fetch %s: done"):format(what))
  return value
end)

local main = async(function()
  local t0 = time.perf_counter()
  local results = await(asyncio.gather(fetch("users", 2, 42), fetch("orders", 1, 7)))
  print(("results: %s, %s (%d values)"):format(results[1], results[2], results.n))
  print(("finished in %.2f s"):format(time.perf_counter() - t0))
end)

asyncio.run(main())
