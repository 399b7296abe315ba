-- Lesson 002, example 14: ensure_future, and the old get_event_loop():run_until_complete
-- spelling (luasync's loop is already running: run_until_complete is asyncio.run's await).
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
  local task1 = asyncio.ensure_future(one_print())
  local task2 = asyncio.ensure_future(two_print())
  local task3 = asyncio.ensure_future(three_print())
  await(task1)
  await(task2)
  await(task3)
  local finish = time.time() -- 終了時間
  print(("かかった時間：%s"):format(finish - start))
end)

local loop = asyncio.get_event_loop()
loop:run_until_complete(main()) -- 実行
