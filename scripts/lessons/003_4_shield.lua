-- output: shape
-- Lesson 003, example 4: shield: cancelling the shield does not cancel the task inside, which
-- goes on and prints its second line.
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
  local task = asyncio.create_task(sleep(2))
  task = asyncio.shield(task)

  await(asyncio.sleep(1))
  task:cancel()

  pcall(await, task) -- except asyncio.CancelledError: pass

  print(("%s : %s"):format(now(), "main thread"))
  await(asyncio.sleep(2))
end)

asyncio.run(main())
