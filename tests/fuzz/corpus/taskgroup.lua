-- fuzz: terminates
-- TaskGroup: waits for its children; the first failure cancels the rest.
local work = async(function(name, delay)
  local ok, e = pcall(await, asyncio.sleep(delay))
  if not ok then
    print(name, "cancelled")
    error(e, 0)
  end
  print(name, "done")
  return name
end)

local fail = async(function(msg, delay)
  await(asyncio.sleep(delay))
  error(asyncio.ValueError(msg))
end)

do
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(work("a", 2))
  tg:spawn(function() return await(work("b", 1)) end)
end

local ok, eg = pcall(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(work("slow", 5))
  tg:create_task(fail("first", 1))
  tg:create_task(fail("second", 1))
  print(tg)
  await(asyncio.sleep(10))
end)
print(ok, eg)
print(eg.exceptions[1], eg.exceptions[2])
print(asyncio.current_task():cancelling())
