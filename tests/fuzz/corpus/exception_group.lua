-- fuzz: terminates
-- TaskGroup errors: several children fail, the body fails, misuse afterwards.
local fail = async(function(msg, delay)
  await(asyncio.sleep(delay))
  error(asyncio.ValueError(msg))
end)

local group
local ok, eg = pcall(function()
  local tg <close> = asyncio.TaskGroup()
  group = tg
  tg:create_task(fail("a", 1))
  tg:create_task(fail("b", 1))
  error(asyncio.TypeError("body failed"))
end)
print(ok, eg, asyncio.ExceptionGroup:is(eg))
for i, e in ipairs(eg.exceptions or {}) do print(i, e) end
print(pcall(group.create_task, group, fail("late", 0)))

ok, eg = pcall(function()
  local tg <close> = asyncio.TaskGroup()
  tg:spawn(function() error("plain string") end)
  tg:spawn(function() await(asyncio.sleep(1)) end)
end)
print(ok, eg, eg.exceptions and eg.exceptions[1])
-- (a child's SystemExit also ends the program, as CPython's loop lets it
-- out: with status 0, so that this program ends well)
print(pcall(function()
  local tg <close> = asyncio.TaskGroup()
  tg:spawn(function() error(asyncio.SystemExit(0)) end)
end))
