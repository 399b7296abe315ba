-- as_completed: iterate over awaitables in the order they finish, not the order given.
-- Python twin: python/as_completed.py
local fetch = async(function(name, delay)
  await(asyncio.sleep(delay))
  return ("%s (slept %d s)"):format(name, delay)
end)

local main = async(function()
  local t0 = time.perf_counter()
  local aws = { fetch("A", 3), fetch("B", 1), fetch("C", 2) }
  for next_done in asyncio.as_completed(aws) do
    local r = await(next_done)
    print(("%.2f s: %s"):format(time.perf_counter() - t0, r))
  end
end)

asyncio.run(main())
