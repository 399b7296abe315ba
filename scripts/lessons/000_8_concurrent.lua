-- Lesson 000, example 8: the same three as tasks, which start at once: 3 s in all.
local fetch_data = async(function(name, delay)
  print(("%s: 開始"):format(name))
  await(asyncio.sleep(delay))
  print(("%s: 完了"):format(name))
  return ("%sの結果"):format(name)
end)

local concurrent_example = async(function()
  print("=== 並行実行 ===")
  local start = time.time()

  -- タスクを作成（この時点ですぐに実行開始）
  local task1 = asyncio.create_task(fetch_data("タスク1", 2))
  local task2 = asyncio.create_task(fetch_data("タスク2", 3))
  local task3 = asyncio.create_task(fetch_data("タスク3", 1))

  -- 結果を待つ
  local result1 = await(task1)
  local result2 = await(task2)
  local result3 = await(task3)

  local finish = time.time()
  print(("総実行時間: %.2f秒"):format(finish - start))
  return { result1, result2, result3 }
end)

local function main()
  asyncio.run(concurrent_example())
end

main()
