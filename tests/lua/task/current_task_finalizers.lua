-- asyncio.current_task() in finalizers, which the collector runs wherever it
-- happens to step: in a task's coroutine, it is that task; elsewhere (between
-- steps, or while the kernel ends a task that returned two values, which
-- task.lua's after_resume does), nil or a task -- never a stray value.
local owner = setmetatable({}, { __mode = "k" }) -- a task's coroutine -> the task
local seen, made = {}, 0

local function probe()
  made = made + 1
  setmetatable({}, {
    __gc = function()
      seen[#seen + 1] = { co = coroutine.running(), task = asyncio.current_task() or false }
    end,
  })
end

local function worker(i)
  owner[coroutine.running()] = asyncio.current_task()
  for _ = 1, 20 do probe() end
  await(asyncio.sleep(0))
  for _ = 1, 20 do probe() end
  if i % 2 == 0 then return i, i end -- two results: the end goes through after_resume
  return i
end

local main = async(function()
  -- The collector steps often, so finalizers run in every part of a step.
  collectgarbage("incremental", 10, 100, 0)
  local ts = {}
  for i = 1, 2000 do ts[i] = asyncio.spawn(worker, i) end
  for i = 1, 2000 do
    local a = await(ts[i])
    assert(a == i)
  end
  collectgarbage()
  collectgarbage()
  local in_tasks = 0
  for _, r in ipairs(seen) do
    local t = owner[r.co]
    if t ~= nil then
      assert(r.task == t, "a finalizer in a task's coroutine saw another current task")
      in_tasks = in_tasks + 1
    else
      assert(r.task == false or getmetatable(r.task) == asyncio.Task,
        "a finalizer outside a task's coroutine saw a current task that is no task: " .. tostring(r.task))
    end
  end
  assert(#seen == made, ("%d finalizers ran of %d"):format(#seen, made))
  assert(in_tasks > 0, "no finalizer ran in a task's coroutine")
  print(("%d finalizers, %d in tasks' coroutines: each saw its task"):format(#seen, in_tasks))
end)

asyncio.run(main())
