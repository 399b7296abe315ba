-- output: shape
-- Lesson 003, example 8: the same with gather: the first error comes out of gather at once,
-- and the other task is not cancelled (it goes on and fails too, unretrieved).
local function now()
  local t = time.time()
  return os.date("%Y-%m-%d %H:%M:%S", math.floor(t)) .. ("%.6f"):format(t % 1):sub(2)
end

local TerminateException = asyncio.Exception:subclass("TerminateException")

local sleep = async(function(secs)
  print(("%s : %s"):format(now(), "main thread"))
  await(asyncio.sleep(secs))
  print(("%s : %s"):format(now(), "main thread"))
  error(TerminateException(secs))
end)

local main = async(function()
  local t1 = asyncio.create_task(sleep(3))
  local t2 = asyncio.create_task(sleep(2))

  -- except* TerminateException as e: print(e) (Python wraps the one error in a group; here it
  -- is the error itself)
  local ok, e = pcall(await, asyncio.gather(t1, t2))
  if not ok and TerminateException:is(e) then print(e) end

  await(asyncio.sleep(2))

  print(("t1 canceled? : %s"):format(t1:cancelled()))
  print(("t2 canceled? : %s"):format(t2:cancelled()))
end)

asyncio.run(main())
