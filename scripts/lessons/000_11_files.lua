-- Lesson 000, example 11: reading three files at once and writing their contents joined
-- (aiofiles is asyncio.open). The lesson's files already exist; here they are made first, in
-- a temporary folder, and the result is printed.
local dir = os.tmpname()
os.remove(dir)

local read_file = async(function(filename)
  local f <close> = await(asyncio.open(filename, "r"))
  return await(f:read())
end)

local write_file = async(function(filename, content)
  local f <close> = await(asyncio.open(filename, "w"))
  await(f:write(content))
end)

local process_files = async(function()
  await(asyncio.fs.mkdir(dir))
  for i = 1, 3 do await(write_file(("%s/file%d.txt"):format(dir, i), ("contents of file %d"):format(i))) end

  -- 複数のファイルを並行して読み込み
  local tasks = {
    read_file(dir .. "/file1.txt"),
    read_file(dir .. "/file2.txt"),
    read_file(dir .. "/file3.txt"),
  }

  local contents = await(asyncio.gather(table.unpack(tasks)))

  -- 処理を行う（例：すべての内容を結合）
  local combined = table.concat(contents, "\n")

  -- 結果を書き込み
  await(write_file(dir .. "/combined.txt", combined))

  print(await(read_file(dir .. "/combined.txt")))
  for _, name in ipairs(await(asyncio.fs.listdir(dir))) do await(asyncio.fs.remove(dir .. "/" .. name)) end
  await(asyncio.fs.rmdir(dir))
end)

-- 実行
asyncio.run(process_files())
