-- fuzz: terminates
-- coroutine.wrap generators that await inside tasks; resume forwards awaits.
local function ticks(n, delay)
  return coroutine.wrap(function()
    for i = 1, n do
      await(asyncio.sleep(delay))
      coroutine.yield(i)
    end
  end)
end

asyncio.spawn(function()
  await(asyncio.sleep(1.5))
  print("another task runs meanwhile")
end)
for i in ticks(3, 1) do print("tick", i) end

local co = coroutine.create(function(a)
  local b = coroutine.yield(a + 1)
  await(asyncio.sleep(1))
  return b * 2
end)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, 10))
print(coroutine.status(co), coroutine.resume(co))

local t = asyncio.spawn(function()
  local gen = ticks(2, 0)
  return gen(), gen()
end)
print(await(t))
print(coroutine.isyieldable(), coroutine.running())
local bad = asyncio.spawn(function() coroutine.yield(1) end)
print(pcall(await, bad))
