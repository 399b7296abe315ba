-- A coroutine.wrap generator that awaits inside a task is closed when it
-- fails or its task is cancelled while it waits: its <close> variables run,
-- so a lock it holds is released (Lua's own wrap closes on error too).
local lock = asyncio.Lock()
local gen = coroutine.wrap(function()
  local _ <close> = await(lock:acquire())
  error("fail")
end)
local ok, e = pcall(gen)
assert(not ok and tostring(e):find("fail"), tostring(e))
assert(not lock:locked(), "the lock stayed held after the generator failed")

local lock2 = asyncio.Lock()
local t = asyncio.spawn(function()
  local ticks = coroutine.wrap(function()
    local _ <close> = await(lock2:acquire())
    for i = 1, 10 do
      await(asyncio.sleep(1))
      coroutine.yield(i)
    end
  end)
  for i in ticks do print("tick", i) end
end)
await(asyncio.sleep(2.5))
t:cancel()
ok = pcall(await, t)
assert(not ok and t:cancelled())
assert(not lock2:locked(), "the lock stayed held after the task was cancelled")
print("ok")
