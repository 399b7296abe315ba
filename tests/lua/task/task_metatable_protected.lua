-- A task's class cannot be replaced (Python refuses __class__ assignment on
-- a Task): setmetatable raises Lua's own error and the task goes on, where a
-- replaced __index used to end the program with an internal error (found by
-- tests/fuzz). getmetatable still answers the Task class.
local function eq(what, got, want)
  if got ~= want then error(("%s: expected %s, got %s"):format(what, tostring(want), tostring(want and got)), 2) end
end

local me = asyncio.current_task()
local ok, e = pcall(setmetatable, me, { __index = function() error("index") end })
eq("setmetatable on a task fails", ok, false)
eq("with Lua's message", e, "cannot change a protected metatable")
eq("getmetatable answers the class", getmetatable(me), getmetatable(asyncio.create_task(asyncio.sleep(0))))
await(asyncio.sleep(0))
eq("the task goes on", me:get_name(), "Task-1")
print("ok")
