-- fuzz: terminates
-- Condition: consumers wait_for a predicate, notify and notify_all, misuse.
local cond, items = asyncio.Condition(), {}
local consumer = async(function(name)
  local _ <close> = await(cond:acquire())
  await(cond:wait_for(function() return #items > 0 end))
  print(name, "got", table.remove(items, 1))
end)
local cs = { asyncio.create_task(consumer("c1")), asyncio.create_task(consumer("c2")) }
await(asyncio.sleep(0))
do
  local _ <close> = await(cond:acquire())
  items = { "x", "y" }
  cond:notify_all()
end
await(asyncio.gather(table.unpack(cs)))
print(pcall(await, cond:wait()))
print(pcall(cond.notify, cond))

local waiter = asyncio.spawn(function()
  local _ <close> = await(cond:acquire())
  print("woken", await(cond:wait()))
end)
await(asyncio.sleep(0))
do
  local _ <close> = await(cond:acquire())
  cond:notify(1)
end
await(waiter)
local shared = asyncio.Condition(asyncio.Lock())
print(tostring(shared))
