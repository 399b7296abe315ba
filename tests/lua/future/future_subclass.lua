-- A future of a class of its own (its metatable says __isfuture, its
-- methods come from Future's): a task awaiting it is cancelled by
-- cancelling it, as Task.cancel cancels whatever future the task waits on.
-- Reference: reference/future_subclass.py

local p = require("lib.show").p

local Future = getmetatable(asyncio.Future())
local MyFuture = setmetatable({ __name = "MyFuture", __isfuture = true }, { __index = Future })
MyFuture.__index = MyFuture

local main = async(function()
  local loop = asyncio.get_running_loop()
  local f = setmetatable(loop:create_future(), MyFuture)
  local waiter = async(function()
    return await(f)
  end)

  -- 1. cancel the task: its future is cancelled, the task ends cancelled
  local t = asyncio.create_task(waiter())
  await(asyncio.sleep(0))
  p("1 cancel", t:cancel("stop"))
  local ok, e = pcall(await, t)
  p("1 task", ok, tostring(e), "future cancelled", f:cancelled())

  -- 2. a result set on it wakes the task
  f = setmetatable(loop:create_future(), MyFuture)
  t = asyncio.create_task(waiter())
  await(asyncio.sleep(0))
  f:set_result(42)
  p("2 result", await(t))
end)

asyncio.run(main())
