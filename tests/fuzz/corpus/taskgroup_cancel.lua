-- fuzz: terminates
-- TaskGroup: tg:cancel(), nested groups, the parent cancelled from outside.
local slow = async(function(name, delay)
  local ok, e = pcall(await, asyncio.sleep(delay))
  if not ok then
    print(name, "cancelled")
    error(e, 0)
  end
  return name
end)

local ok, e = pcall(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(slow("c1", 1))
  await(asyncio.sleep(0))
  tg:cancel()
  await(asyncio.sleep(1))
end)
print(ok, e, asyncio.current_task():cancelling())

ok, e = pcall(function()
  local outer <close> = asyncio.TaskGroup()
  outer:spawn(function()
    local inner <close> = asyncio.TaskGroup()
    inner:create_task(slow("inner", 3))
    inner:spawn(function() error(asyncio.TypeError("inner failed")) end)
  end)
  outer:create_task(slow("outer", 5))
end)
print(ok, e, e and e.exceptions and e.exceptions[1])

local parent = asyncio.spawn(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(slow("child", 10))
  await(asyncio.sleep(10))
end)
await(asyncio.sleep(1))
parent:cancel()
print(pcall(await, parent))
print(parent:cancelled())
