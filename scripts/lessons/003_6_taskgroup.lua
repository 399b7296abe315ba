-- output: shape
-- Lesson 003, example 6: a TaskGroup waits for its tasks at the end of its block
-- (`async with` is `local g <close> = asyncio.TaskGroup()` in a do ... end block).
local function now()
  local t = time.time()
  return os.date("%Y-%m-%d %H:%M:%S", math.floor(t)) .. ("%.6f"):format(t % 1):sub(2)
end

local sleep = async(function(secs)
  print(("%s : %s"):format(now(), "main thread"))
  await(asyncio.sleep(secs))
  print(("%s : %s"):format(now(), "main thread"))
end)

local main = async(function()
  do
    local g <close> = asyncio.TaskGroup()
    g:create_task(sleep(1))
    g:create_task(sleep(2))
  end
end)

asyncio.run(main())
