-- fuzz: terminates
-- shield: the inner task survives the outer cancellation.
local important = async(function()
  await(asyncio.sleep(2))
  print("important work finished")
  return 42
end)

local inner = asyncio.create_task(important())
local ok, e = pcall(await, asyncio.wait_for(asyncio.shield(inner), 1))
print(ok, e, inner:done(), inner:cancelled())
print(await(inner))

local s = asyncio.shield(important())
local waiter = asyncio.spawn(function() return await(s) end)
await(asyncio.sleep(0.5))
waiter:cancel()
print(pcall(await, waiter))
await(asyncio.sleep(3))
print(asyncio.shield(inner) == inner)
