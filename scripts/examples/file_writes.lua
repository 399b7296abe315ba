-- file_writes: a ticker keeps printing while three writers fill their files
-- a line at a time, then the files are read back at the same time.
-- Python twin: python/file_writes.py (which writes with asyncio.to_thread, as
-- aiofiles does under the hood)
local dir = os.tmpname()
os.remove(dir)

local writer = async(function(name, lines, pause)
  local f <close> = await(asyncio.open(dir .. "/" .. name, "w"))
  for i = 1, lines do
    await(f:write(("%s line %d\n"):format(name, i)))
    await(asyncio.sleep(pause))
  end
  print(name .. " written")
end)

local count_lines = async(function(name)
  local f <close> = await(asyncio.open(dir .. "/" .. name))
  local n = 0
  for _ in f:lines() do n = n + 1 end
  return n
end)

local main = async(function()
  await(asyncio.fs.mkdir(dir))
  local ticker = asyncio.create_task(function()
    for i = 1, 100 do
      await(asyncio.sleep(1))
      print("tick " .. i)
    end
  end)
  await(asyncio.gather(writer("a.txt", 3, 0.9), writer("b.txt", 5, 0.5), writer("c.txt", 2, 1.6)))
  ticker:cancel()
  local counts = await(asyncio.gather(count_lines("a.txt"), count_lines("b.txt"), count_lines("c.txt")))
  print(("lines: %d %d %d"):format(counts[1], counts[2], counts[3]))
  for _, name in ipairs(await(asyncio.fs.listdir(dir))) do await(asyncio.fs.remove(dir .. "/" .. name)) end
  await(asyncio.fs.rmdir(dir))
end)

asyncio.run(main())
