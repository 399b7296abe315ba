-- A sleep whose deadline comes due in the same iteration as a timer that
-- cancels its task (the virtual clock makes the two deadlines equal; equal
-- deadlines run in the order they were set). The sleep's wake-up is then
-- already in the ready queue when the cancellation comes: the task must be
-- stepped once, cancelled, whichever runs first -- as in asyncio, where the
-- timer handle finds the sleep's future cancelled, or the task finds
-- _must_cancel set at its next step.
local loop = asyncio.get_running_loop()
local steps, woke, cancelled = {}, {}, {}

local function sleeper(name, d, canceller_first)
  local me = asyncio.current_task()
  local function cancel() assert(me:cancel(), name .. ": cancel() refused") end
  if canceller_first then loop:call_at(loop:time() + d, cancel) end
  local ok, e = pcall(await, asyncio.sleep(d))
  steps[name] = (steps[name] or 0) + 1
  if ok then
    woke[#woke + 1] = name
    await(asyncio.sleep(0))
    return
  end
  assert(asyncio.CancelledError:is(e), tostring(e))
  cancelled[#cancelled + 1] = name
  error(e, 0)
end

local function run(name, d, canceller_first)
  local t = asyncio.spawn(function() return sleeper(name, d, canceller_first) end)
  if canceller_first == false then
    -- The canceller is set after the task's sleep: at the task's first step.
    loop:call_soon(function() loop:call_at(loop:time() + d, function() assert(t:cancel()) end) end)
  end
  return t
end

-- 1. The canceller first: the wake-up, due with it, finds the wait aborted.
-- 2. The canceller after the wake-up: the task, woken, is cancelled at its
--    next step (it never sees the sleep return).
-- 3. A thousand sleepers due at once, every third cancelled each way.
local tasks = { run("a", 0.1, true), run("b", 0.1, false) }
for i = 1, 1000 do
  local how = nil  -- not cancelled
  if i % 3 == 0 then how = true elseif i % 3 == 1 then how = false end
  tasks[#tasks + 1] = run("s" .. i, 0.2, how)
end
for _, t in ipairs(tasks) do pcall(await, t) end

local function has(list, x)
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end
assert(has(cancelled, "a") and not has(woke, "a"), "a")
assert(has(cancelled, "b") and not has(woke, "b"), "b")
for i = 1, 1000 do
  local name = "s" .. i
  assert(steps[name] == 1, name .. " resumed from its sleep " .. tostring(steps[name]) .. " times")
  if i % 3 == 2 then
    assert(has(woke, name) and not has(cancelled, name), name .. " should have woken")
  else
    assert(has(cancelled, name) and not has(woke, name), name .. " should have been cancelled")
  end
end
assert(#woke + #cancelled == 1002)
print("ok")
