-- Lesson 002 (an introduction), example 1: three tasks made with create_task run at the same
-- time, so the program takes as long as the longest sleep (6 s), not the sum (15 s).
local one_print = async(function() -- 6秒後に1をprint
  await(asyncio.sleep(6))
  print(1)
end)

local two_print = async(function() -- 5秒後に2をprint
  await(asyncio.sleep(5))
  print(2)
end)

local three_print = async(function() -- 4秒後に3をprint
  await(asyncio.sleep(4))
  print(3)
end)

local main = async(function()
  local start = time.time() -- 開始時間
  local task1 = asyncio.create_task(one_print())
  local task2 = asyncio.create_task(two_print())
  local task3 = asyncio.create_task(three_print())
  await(task1)
  await(task2)
  await(task3)
  local finish = time.time() -- 終了時間
  print(("かかった時間：%s"):format(finish - start))
end)

asyncio.run(main()) -- 実行
