-- fuzz: terminates
-- Lock, Semaphore and Event together in a TaskGroup under a timeout.
local lock, sem, ready = asyncio.Lock(), asyncio.Semaphore(2), asyncio.Event()
local log = {}
local worker = async(function(i)
  await(ready:wait())
  local _ <close> = await(sem:acquire())
  await(asyncio.sleep(i * 0.1))
  do
    local _ <close> = await(lock:acquire())
    log[#log + 1] = i
    await(asyncio.sleep(0))
  end
  return i
end)

local ok, e = pcall(function()
  local _ <close> = asyncio.timeout(5)
  local tg <close> = asyncio.TaskGroup()
  for i = 1, 6 do tg:create_task(worker(i), { name = "w" .. i }) end
  await(asyncio.sleep(1))
  ready:set()
end)
print(ok, e, table.concat(log, ","))

ok, e = pcall(function()
  local _ <close> = asyncio.timeout(0.5)
  local tg <close> = asyncio.TaskGroup()
  ready:clear()
  for i = 1, 3 do tg:create_task(worker(i)) end
end)
print(ok, e, lock:locked(), sem:locked())
