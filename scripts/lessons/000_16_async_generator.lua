-- Lesson 000, example 16: an async generator (a coroutine.wrap generator that awaits) and
-- Python's `async for` (a generic for inside a task).
local function async_generator()
  return coroutine.wrap(function()
    for i = 0, 9 do
      await(asyncio.sleep(0.1))
      coroutine.yield(i)
    end
  end)
end

local main = async(function()
  for value in async_generator() do
    print(value)
  end
end)

asyncio.run(main())
