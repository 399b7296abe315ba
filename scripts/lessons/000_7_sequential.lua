-- Lesson 000 (concepts), example 7: awaiting one coroutine after another: 2 + 3 + 1 = 6 s.
local fetch_data = async(function(name, delay)
  print(("%s: 開始"):format(name))
  await(asyncio.sleep(delay))
  print(("%s: 完了"):format(name))
  return ("%sの結果"):format(name)
end)

local sequential_example = async(function()
  print("=== 逐次実行 ===")
  local start = time.time()

  local result1 = await(fetch_data("タスク1", 2)) -- 2秒待つ
  local result2 = await(fetch_data("タスク2", 3)) -- その後3秒待つ
  local result3 = await(fetch_data("タスク3", 1)) -- その後1秒待つ

  local finish = time.time()
  print(("総実行時間: %.2f秒"):format(finish - start))
  return { result1, result2, result3 }
end)

local function main()
  asyncio.run(sequential_example())
end

main()
