-- future: a Future is a placeholder for a result that somebody else provides later.
-- main awaits it; another task sets it with set_result, which wakes main up.
-- (The low-level example from the asyncio docs for loop.create_future.)
-- Python twin: python/future.py
local set_after = async(function(fut, delay, value)
  await(asyncio.sleep(delay))
  print(("setter: set_result('%s')"):format(value))
  fut:set_result(value)
end)

local main = async(function()
  local t0 = time.perf_counter()
  local loop = asyncio.get_running_loop()
  local fut = loop:create_future()
  local setter = asyncio.create_task(set_after(fut, 1, "hello world"))
  print(("main: future is %s, awaiting it"):format(fut:done() and "done" or "pending"))
  local value = await(fut)
  print(("main: got '%s' after %.2f s"):format(value, time.perf_counter() - t0))
  print(("main: future is %s"):format(fut:done() and "done" or "pending"))
  await(setter)
end)

asyncio.run(main())
