-- A TaskGroup whose children raise a BaseException that is not an
-- Exception and an Exception raises a group of both, a BaseExceptionGroup
-- (as CPython's), which is not an Exception: not ExceptionGroup's
-- constructor's TypeError.
local MyBase = asyncio.BaseException:subclass("MyBase")
local ok, eg = pcall(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(async(function() error(MyBase("stop")) end)())
  tg:create_task(async(function() error(asyncio.ValueError("v")) end)())
end)
assert(not ok, "the group raised")
assert(asyncio.BaseExceptionGroup:is(eg), "a group: " .. tostring(eg))
assert(not asyncio.ExceptionGroup:is(eg) and not asyncio.Exception:is(eg), "not an Exception: " .. tostring(eg))
assert(tostring(eg) == "BaseExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)", tostring(eg))
assert(#eg.exceptions == 2, "both errors: " .. tostring(eg))
assert(MyBase:is(eg.exceptions[1]) and tostring(eg.exceptions[1]) == "MyBase: stop", tostring(eg.exceptions[1]))
assert(asyncio.ValueError:is(eg.exceptions[2]), tostring(eg.exceptions[2]))
print("ok")
