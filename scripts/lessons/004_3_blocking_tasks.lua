-- Lesson 004, example 3: time.sleep inside the tasks blocks the loop: the second task starts
-- only when the first has finished.
local func1 = async(function()
  print("func1() started")
  time.sleep(1)
  print("func1() finished")
end)

local func2 = async(function()
  print("func2() started")
  time.sleep(1)
  print("func2() finished")
end)

local main = async(function()
  local task1 = asyncio.create_task(func1())
  local task2 = asyncio.create_task(func2())
  await(task1)
  await(task2)
end)

asyncio.run(main())
