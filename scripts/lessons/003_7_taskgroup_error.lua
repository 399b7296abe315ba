-- output: shape
-- Lesson 003, example 7: a task of a TaskGroup fails: the others are cancelled and the group
-- raises an ExceptionGroup (Python's `except* TerminateException`).
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
  local t1, t2
  local ok, e = pcall(function()
    local g <close> = asyncio.TaskGroup()
    t1 = g:create_task(sleep(1))
    t2 = g:create_task(sleep(2))
  end)
  -- except* TerminateException as e: print(e)
  if not ok and asyncio.ExceptionGroup:is(e) then
    for _, sub in ipairs(e.exceptions) do
      if TerminateException:is(sub) then
        print(e)
        break
      end
    end
  end

  print(("t1 canceled? : %s"):format(t1:cancelled()))
  print(("t2 canceled? : %s"):format(t2:cancelled()))
end)

asyncio.run(main())
