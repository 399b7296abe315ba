-- output: shape
-- Lesson 003, example 3: a task cancelled while it sleeps; awaiting it raises CancelledError.
local function now()
  local t = time.time()
  return os.date("%Y-%m-%d %H:%M:%S", math.floor(t)) .. ("%.6f"):format(t % 1):sub(2)
end

local sleep = async(function()
  print(("%s : %s"):format(now(), "main thread"))
  await(asyncio.sleep(3))
  print(("%s : %s"):format(now(), "main thread"))
end)

local main = async(function()
  local task = asyncio.create_task(sleep())

  await(asyncio.sleep(1))
  task:cancel()

  local ok, e = pcall(await, task)
  if not ok and asyncio.CancelledError:is(e) then
    print(("cancel? : %s"):format(task:cancelled()))
  end
end)

asyncio.run(main())
