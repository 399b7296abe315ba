-- A callable object (a table with __call) as a done callback, as CPython
-- takes any callable: called once its future or task is done, whether it
-- was pending or done already; remove_done_callback finds it by the object;
-- a callable object as a loop callback too. (Its repr and its error
-- report: errors/errors_reporting.lua.)
-- Reference: reference/future_callable_callbacks.py

local function Counter(name)
  return setmetatable({ name = name, calls = 0 }, {
    __call = function(self, f)
      self.calls = self.calls + 1
      print(("%s called: %s"):format(self.name, tostring(f:result())))
    end,
  })
end

local main = async(function()
  local loop = asyncio.get_running_loop()
  -- a callable object on a pending future, a task, and a done future
  local a = Counter("a")
  local fut = loop:create_future()
  fut:add_done_callback(a)
  fut:set_result(1)
  await(asyncio.sleep(0))

  local work = async(function()
    await(asyncio.sleep(0))
    return 5
  end)

  local t = asyncio.create_task(work())
  t:add_done_callback(a)
  await(t)
  await(asyncio.sleep(0))

  local done = loop:create_future()
  done:set_result(2)
  done:add_done_callback(a)
  await(asyncio.sleep(0))
  print(("a calls: %d"):format(a.calls))

  -- remove_done_callback finds it by the object given
  local b = Counter("b")
  local f2 = loop:create_future()
  f2:add_done_callback(b)
  f2:add_done_callback(a)
  f2:add_done_callback(b)
  print(("removed b: %d"):format(f2:remove_done_callback(b)))
  f2:set_result(3)
  await(asyncio.sleep(0))
  print(("b calls: %d"):format(b.calls))

  -- a callable object as a loop callback
  loop:call_soon(Counter("c"), fut)
  await(asyncio.sleep(0))
end)

asyncio.run(main())

