-- output: shape
-- Lesson 003 (async I/O), example 1: datetime.now() before and after a sleep. The lesson
-- prints threading.get_ident() too; luasync has no thread identity to print, so the lines
-- say which thread they come from.
local function now()
  local t = time.time()
  return os.date("%Y-%m-%d %H:%M:%S", math.floor(t)) .. ("%.6f"):format(t % 1):sub(2)
end

local main = async(function()
  print(("%s : %s"):format(now(), "main thread"))
  await(asyncio.sleep(1))
  print(("%s : %s"):format(now(), "main thread"))
end)

asyncio.run(main())
