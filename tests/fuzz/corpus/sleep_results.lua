-- fuzz: terminates
-- Async functions, sleep with result values, several return values.
local fetch = async(function(id, delay)
  await(asyncio.sleep(delay))
  return id, "data " .. id
end)

local c = fetch(1, 0.5)
print(asyncio.iscoroutine(c))
local id, data = await(c)
print(id, data)
print(pcall(await, c))
print(pcall(await, 42))
local a, b = await(asyncio.sleep(1.5, "a", "b"))
print(a, b)
await(asyncio.sleep(0))
await(asyncio.sleep(-1))
print(pcall(asyncio.sleep, "soon"))
print(pcall(asyncio.sleep, 0 / 0))
print(("%.2f"):format(time.perf_counter()))
