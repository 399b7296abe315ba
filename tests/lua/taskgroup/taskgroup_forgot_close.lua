-- A TaskGroup or a timeout used without <close> (its scope never entered,
-- in Python's words) is an error that says to write <close>, raised when the
-- task that made it ends: the children's errors are not lost silently, and a
-- timeout's expiry is not a bare CancelledError.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local cancelled_child = false
local fail = async(function() await(asyncio.sleep(0.1)); error("child failed") end)
local slow = async(function()
  local ok, e = pcall(await, asyncio.sleep(10))
  cancelled_child = not ok and asyncio.CancelledError:is(e)
  error(e, 0)
end)

-- 1. A TaskGroup without <close>: the body ends, the task fails.
local t = asyncio.spawn(function()
  local tg = asyncio.TaskGroup()
  tg:create_task(fail())
  tg:create_task(slow())
  await(asyncio.sleep(0.01))
  return "body done"
end)
local ok, e = pcall(await, t)
eq("TaskGroup without <close>: the task fails", ok, false)
eq("the error is a RuntimeError", asyncio.RuntimeError:is(e), true)
has("it says to write <close>", tostring(e), "write `local tg <close> = asyncio.TaskGroup()`")
has("it says where the group was made", tostring(e), "taskgroup_forgot_close.lua:18")
await(asyncio.sleep(0))
eq("the children were cancelled", cancelled_child, true)

-- 2. A timeout without <close> that expires: RuntimeError caused by the
-- CancelledError, instead of a bare CancelledError.
local t2 = asyncio.spawn(function()
  local cm = asyncio.timeout(0.1)
  await(asyncio.sleep(1))
end)
ok, e = pcall(await, t2)
eq("timeout without <close>: the task fails", ok, false)
has("it says to write <close>", tostring(e), "write `local _ <close> = asyncio.timeout(...)`")
eq("caused by the cancellation", asyncio.CancelledError:is(e.cause), true)

-- 3. With <close> nothing changes.
local t3 = asyncio.spawn(function()
  do
    local tg <close> = asyncio.TaskGroup()
    tg:create_task(asyncio.sleep(0.01))
  end
  local ok3, e3 = pcall(function()
    local _ <close> = asyncio.timeout(0.01)
    await(asyncio.sleep(1))
  end)
  return asyncio.TimeoutError:is(e3)
end)
eq("with <close>: TimeoutError as before", await(t3), true)

-- 3b. Left open but harmless -- a group that never got a child, a timeout
-- that never expired -- is no error (Python would not notice either).
local t4 = asyncio.spawn(function()
  local tg = asyncio.TaskGroup()
  local cm = asyncio.timeout(5)
  await(asyncio.sleep(0.01))
  return "fine"
end)
eq("unused group and unexpired timeout left open", await(t4), "fine")

-- 3c. Used after the task that made it ended (at the prompt, the input's
-- task): CPython's repr of a finished group, and an error that says where
-- the scope belongs.
local left = await(asyncio.spawn(function() return asyncio.TaskGroup() end))
eq("repr of a group its task left unclosed", tostring(left), "<TaskGroup entered>")
local _, late = pcall(left.create_task, left, asyncio.sleep(0))
eq("adding to it", tostring(late), "RuntimeError: TaskGroup <TaskGroup entered> is finished: it ended with the " ..
  "task that made it, unclosed (at the prompt, each input is a task): make it and its tasks in one block, " ..
  "do local tg <close> = asyncio.TaskGroup() ... end")

-- 4. In a script's main chunk: exit status 1 and the message on stderr.
local script = cli.tmpfile([[
local tg = asyncio.TaskGroup()
tg:spawn(function() await(asyncio.sleep(1)) error("lost") end)
print("end of script")
]])
local out, err, code = cli.run('"$L" --clock=virtual ' .. cli.quote(script))
eq("script: stdout", out, "end of script\n")
eq("script: exit status", code, 1)
has("script: stderr", err, "RuntimeError: TaskGroup() at " .. script .. ":1 was never closed")
cli.finish()
