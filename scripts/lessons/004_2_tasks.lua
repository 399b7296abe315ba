-- Lesson 004, example 2: two tasks sleep at the same time.
local func1 = async(function()
  print("func1() started")
  await(asyncio.sleep(1))
  print("func1() finished")
end)

local func2 = async(function()
  print("func2() started")
  await(asyncio.sleep(1))
  print("func2() finished")
end)

local main = async(function()
  local task1 = asyncio.create_task(func1())
  local task2 = asyncio.create_task(func2())
  await(task1)
  await(task2)
end)

asyncio.run(main())
