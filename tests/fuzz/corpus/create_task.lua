-- fuzz: terminates
-- create_task, spawn, task names and results.
local work = async(function(n)
  await(asyncio.sleep(n))
  return n * 10
end)

local main = async(function()
  local t1 = asyncio.create_task(work(1))
  local t2 = asyncio.create_task(work(2), { name = "slow" })
  local t3 = asyncio.create_task(function() return "from a function" end)
  local t4 = asyncio.spawn(function(a, b) await(asyncio.sleep(1)); return a + b end, 2, 3)
  local t5 = asyncio.spawn(asyncio.sleep, 1, "slept")
  print(t1:get_name(), t2:get_name(), t3:get_name(), t4:get_name())
  print(await(t1), await(t2), await(t3), await(t4), await(t5))
  print(t1:done(), t1:result(), t2:cancelled())
  return "main done"
end)

print(asyncio.run(main()))
print(pcall(asyncio.create_task, 42))
