-- An error class given where an error is expected becomes an instance of
-- it, as Python's `raise ValueError` and Future.set_exception(ValueError):
-- a task raising asyncio.ValueError fails with ValueError(), one raising
-- asyncio.CancelledError is cancelled; so does one raised in a coroutine
-- awaited without a task, or by plain code under pcall.
-- Reference: reference/raise_class.py
local main = async(function()
  local f = asyncio.Future()
  f:set_exception(asyncio.ValueError)
  print(f)
  local ok, e = pcall(await, f)
  print(e, asyncio.ValueError:is(e))

  local t = asyncio.create_task(async(function() error(asyncio.ValueError) end)())
  ok, e = pcall(await, t)
  print(e, asyncio.ValueError:is(e))

  local c = asyncio.create_task(async(function()
    await(asyncio.sleep(0))
    error(asyncio.CancelledError)
  end)())
  ok, e = pcall(await, c)
  print(e, c:cancelled())

  local inner = async(function() error(asyncio.TimeoutError) end)
  ok, e = pcall(await, inner())
  print(e, asyncio.TimeoutError:is(e))
  ok, e = pcall(error, asyncio.ValueError)
  print(e, asyncio.ValueError:is(e))

  -- a class whose constructor needs arguments: the task fails with its error
  local g = asyncio.create_task(async(function() error(asyncio.ExceptionGroup) end)())
  ok, e = pcall(await, g)
  print(e)
end)
asyncio.run(main())
