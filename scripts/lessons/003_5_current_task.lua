-- output: shape
-- Lesson 003, example 5: current_task() and all_tasks().
local function now()
  local t = time.time()
  return os.date("%Y-%m-%d %H:%M:%S", math.floor(t)) .. ("%.6f"):format(t % 1):sub(2)
end

local main = async(function()
  print(("%s : %s"):format(now(), "main thread"))
  print(asyncio.current_task())
  print(#asyncio.all_tasks(), asyncio.all_tasks()[1] == asyncio.current_task())
  print(("%s : %s"):format(now(), "main thread"))
end)

asyncio.run(main())
