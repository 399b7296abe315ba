-- A three-stage pipeline over queues; a nil item ends each stage.
local raw, cooked = asyncio.Queue(), asyncio.Queue(1)
local results = {}

local stage1 = asyncio.spawn(function()
  for i = 1, 5 do await(raw:put(i)) end
  await(raw:put(nil))
end)
local stage2 = asyncio.spawn(function()
  while true do
    local x = await(raw:get())
    if x == nil then break end
    await(asyncio.sleep(0.1))
    await(cooked:put(x * x))
  end
  await(cooked:put(nil))
end)
local stage3 = asyncio.spawn(function()
  local x = await(cooked:get())
  while x ~= nil do
    results[#results + 1] = x
    x = await(cooked:get())
  end
  return #results
end)
print(await(asyncio.gather(stage1, stage2, stage3))[3])
print(table.concat(results, " "))
raw:shutdown()
cooked:shutdown(true)
