-- Lesson 000 (concepts), python block 1 ("タスク（Task）": three create_task + gather),
-- completed with block 2's fetch_data() (same lesson) and asyncio.run(main()).
-- print(results) of a list of dicts: Lua has no repr, so a small helper prints it Python-style.
local function repr(v)
  if type(v) == "string" then return "'" .. v .. "'" end
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

local fetch_data = async(function()
  print("データ取得開始")
  await(asyncio.sleep(2))  -- データ取得を模擬（2秒待機）
  print("データ取得完了")
  return { data = "結果" }
end)

local main = async(function()
  -- 3つのタスクを作成して並行実行
  local task1 = asyncio.create_task(fetch_data())
  local task2 = asyncio.create_task(fetch_data())
  local task3 = asyncio.create_task(fetch_data())

  -- 全てのタスクが完了するまで待機
  local results = await(asyncio.gather(task1, task2, task3))
  print(repr(results))
end)

asyncio.run(main())
