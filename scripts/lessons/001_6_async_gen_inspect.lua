-- original differs: Lua prints false where Python prints False
-- Lesson 001 ("async for"), python block 6 (py fence): is an async generator a coroutine/awaitable?
-- An async generator is a coroutine.wrap generator (api.md "Async generators");
-- inspect.iscoroutine -> asyncio.iscoroutine; hasattr(gen, "__await__") -> a metatable __await.

local function async_gen()
  return coroutine.wrap(function()
    coroutine.yield(1)
    coroutine.yield(2)
  end)
end

-- 非同期ジェネレータオブジェクトを作成
local gen = async_gen()

print(asyncio.iscoroutine(gen))  -- False (coroではない)
local mt = getmetatable(gen)
print(mt ~= nil and mt.__await ~= nil)  -- hasattr(gen, "__await__")

local main = async(function()
  for value in gen do
    print(value)
  end
end)

asyncio.run(main())
