-- fuzz: terminates
-- asyncio.async_generator: cleanup on break and on errors.
local numbers = asyncio.async_generator(function(n)
  local _ <close> = setmetatable({}, { __close = function() print("generator closed") end })
  for i = 1, n do
    await(asyncio.sleep(1))
    coroutine.yield(i)
  end
end)

for i in numbers(10) do
  print("got", i)
  if i == 2 then break end
end
print(pcall(function()
  for i in numbers(5) do
    if i == 3 then error(asyncio.ValueError("stop at 3")) end
  end
end))
local broken = asyncio.async_generator(function()
  coroutine.yield(1)
  await(asyncio.sleep(0))
  error("generator failed")
end)
print(pcall(function() for x in broken() do print("broken gave", x) end end))
local t = asyncio.spawn(function() for i in numbers(10) do print("task got", i) end end)
await(asyncio.sleep(2.5))
t:cancel()
print(pcall(await, t))
