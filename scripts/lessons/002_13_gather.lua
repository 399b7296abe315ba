-- Lesson 002, example 13: gather runs the three coroutines at the same time: 6 s.
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
  local start = time.time() -- 開始時間
  await(asyncio.gather(
    one_print(),
    two_print(),
    three_print()
  ))
  local finish = time.time() -- 終了時間
  print(("かかった時間：%s"):format(finish - start))
end)

asyncio.run(main())
