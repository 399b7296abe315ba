-- Lesson 002, example 9: awaiting the coroutines one after another runs them one after
-- another: 15 s.
local one_print = async(function()
  await(asyncio.sleep(6))
  print(1)
end)

local two_print = async(function()
  await(asyncio.sleep(5))
  print(2)
end)

local three_print = async(function()
  await(asyncio.sleep(4))
  print(3)
end)

local main = async(function()
  local start = time.time()
  await(one_print())
  await(two_print())
  await(three_print())
  local finish = time.time()
  print(("かかった時間：%s"):format(finish - start))
end)

asyncio.run(main())
