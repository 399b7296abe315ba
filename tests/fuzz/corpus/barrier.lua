-- fuzz: terminates
-- Barrier: arrival indices, abort, reset, a broken barrier.
local b = asyncio.Barrier(3)
local arrive = async(function(name, delay)
  await(asyncio.sleep(delay))
  local index = await(b:wait())
  print(name, "passes as", index)
end)
await(asyncio.gather(arrive("x", 1), arrive("y", 2), arrive("z", 3)))
print(b.parties, b.n_waiting, b.broken)

local waiter = async(function(name)
  local ok, e = pcall(await, b:wait())
  print(name, ok, e)
end)
local ts = { asyncio.create_task(waiter("a")), asyncio.create_task(waiter("b")) }
await(asyncio.sleep(0))
await(b:abort())
await(asyncio.gather(table.unpack(ts)))
print(b.broken, pcall(await, b:wait()))
await(b:reset())
print(b.broken, pcall(asyncio.Barrier, 0))
