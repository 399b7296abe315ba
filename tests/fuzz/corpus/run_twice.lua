-- fuzz: terminates
-- asyncio.run twice: the first run's leftover tasks are cancelled.
local leftover = async(function(name)
  local ok, e = pcall(await, asyncio.sleep(100))
  print(name, "leftover ends", ok, e)
  if not ok then error(e, 0) end
end)

local main = async(function(name)
  asyncio.create_task(leftover(name))
  await(asyncio.sleep(1))
  return "hello " .. name, 2
end)

print(asyncio.run(main("first")))
print(asyncio.run(main("second")))
print(pcall(asyncio.run, 42))
print(asyncio.run(main("third"), { debug = true }))
