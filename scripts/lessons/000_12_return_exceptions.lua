-- original differs: Lua shows the error as "Exception: エラー" where Python shows Exception('エラー')
-- Lesson 000 (concepts), python block 12 ("エラーハンドリング": gather(..., return_exceptions=True)),
-- completed with block 2's fetch_data() and asyncio.run(main()).
-- Block 2's fetch_data never fails; the second run (added) makes task2 raise Exception('エラー')
-- to show the list the block's comment describes. repr() stands in for Python's list printing.
local function repr(v)
  if type(v) == "string" then return "'" .. v .. "'" end
  if asyncio.BaseException:is(v) then return tostring(v) end
  if type(v) ~= "table" then return tostring(v) end
  if v.n or #v > 0 then
    local parts = {}
    for i = 1, (v.n or #v) do parts[#parts + 1] = repr(v[i]) end
    return "[" .. table.concat(parts, ", ") .. "]"
  end
  local parts = {}
  for k, x in pairs(v) do parts[#parts + 1] = repr(k) .. ": " .. repr(x) end
  return "{" .. table.concat(parts, ", ") .. "}"
end

local fetch_data = async(function(fail)
  print("データ取得開始")
  await(asyncio.sleep(2))  -- データ取得を模擬（2秒待機）
  if fail then
    error(asyncio.Exception('エラー'))
  end
  print("データ取得完了")
  return { data = "結果" }
end)

local main = async(function(fail)
  -- 3つのタスクを作成して並行実行
  local task1 = asyncio.create_task(fetch_data())
  local task2 = asyncio.create_task(fetch_data(fail))
  local task3 = asyncio.create_task(fetch_data())

  -- 全てのタスクが完了するまで待機
  local results = await(asyncio.gather(task1, task2, task3, { return_exceptions = true }))
  print(repr(results))
  -- 例外が発生した場合の結果例
  -- results = [正常な結果, Exception('エラー'), 正常な結果]
end)

asyncio.run(main())
asyncio.run(main(true))
