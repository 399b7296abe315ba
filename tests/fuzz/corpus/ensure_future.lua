-- fuzz: terminates
-- ensure_future, iscoroutine, isfuture, a table with __await.
local Delayed = {}
Delayed.__index = Delayed
Delayed.__await = function(self)
  return asyncio.sleep(self.delay, self.value)
end
local function delayed(value, delay)
  return setmetatable({ value = value, delay = delay }, Delayed)
end

print(await(delayed("hello", 2)))
local f = asyncio.Future()
print(asyncio.ensure_future(f) == f)
local t = asyncio.ensure_future(asyncio.sleep(1, "slept"))
print(asyncio.isfuture(t), asyncio.iscoroutine(t), await(t))
local t2 = asyncio.ensure_future(delayed("wrapped", 1))
print(await(t2))
print(pcall(asyncio.ensure_future, 42))
print(asyncio.iscoroutine(asyncio.sleep), asyncio.isfuture(f), asyncio.isfuture({}))
f:set_result("done")
print(await(asyncio.gather(f, delayed("x", 0))).n)
