-- Tasks that end by returning, as most do: the kernel makes the coroutine of
-- a spawn(fn, arg) task and ends such a task itself (kernel/step.cpp,
-- kernel/finish.cpp); the rest goes through task.lua. Both must give the
-- same results, done callbacks, wake-ups and all_tasks, including beside
-- the cases the kernel leaves to task.lua: a task that cancels itself
-- before it returns, one that caught an awaited task's error, one whose
-- function returns a coroutine object, one ending with an open scope; and
-- a task made done behind its back, which must not be resumed again.
-- Reference: reference/task_plain_end.py

local function val(x)
  await(asyncio.sleep(0))
  return x
end

local main = async(function()
  local t = asyncio.spawn(val, 42)
  t:add_done_callback(function(f) print("A callback 1", f:result()) end)
  local w = asyncio.spawn(function() print("A waiter got", await(t)) end)
  await(asyncio.sleep(0))
  t:add_done_callback(function(f) print("A callback 2", f:result()) end)
  await(w)
  print("A done", t:done(), t:result())

  t = asyncio.spawn(function(x)
    await(asyncio.sleep(0))
    asyncio.current_task():cancel()
    return x
  end, 1)
  local ok, e = pcall(await, t)
  assert(not ok and asyncio.CancelledError:is(e), tostring(e))
  print("B cancelled", t:cancelled())

  local function boom(x)
    await(asyncio.sleep(0))
    error(asyncio.ValueError(x))
  end
  local function survivor(x)
    local ok2, err = pcall(await, asyncio.spawn(boom, x))
    assert(not ok2)
    print("C caught", err.message)
    return "survived"
  end
  print("C", await(asyncio.spawn(survivor, "bad")))

  t = asyncio.create_task(asyncio.sleep(0, "slept"))
  print("D", await(t))

  local ts = {}
  for i = 0, 2 do ts[#ts + 1] = asyncio.spawn(val, i) end
  local r = await(asyncio.gather(table.unpack(ts)))
  local n = 0
  for _ in pairs(asyncio.all_tasks()) do n = n + 1 end
  print("E", "[" .. table.concat(r, ", ") .. "]", n)

  -- What Python cannot say: a Lua function returns nothing, nil, several
  -- values or a table; each is what awaiting the task gives back.
  local function count(...) return select("#", ...) end
  assert(count(await(asyncio.spawn(function() await(asyncio.sleep(0)) end, 1))) == 0)
  assert(count(await(asyncio.spawn(val, nil))) == 1)
  assert(await(asyncio.spawn(val, false)) == false)
  local a, b = await(asyncio.spawn(function(x) return x, x + 1 end, 1))
  assert(a == 1 and b == 2)
  local tbl = {}
  assert(await(asyncio.spawn(val, tbl)) == tbl)
  assert(await(asyncio.spawn(asyncio.sleep, 0)) == nil)
  -- A task whose scope is left open fails as it ends, with the error that
  -- says so, even though it returned.
  local open = asyncio.spawn(function()
    local tg = asyncio.TaskGroup() -- no <close>
    tg:create_task(asyncio.sleep(0))
    await(asyncio.sleep(0))
    return 1
  end, 1)
  local ok3, err3 = pcall(await, open)
  assert(ok3 == false and tostring(err3):find("<close>"), tostring(err3))
  -- Results stay read-only and shared when there are none.
  local none = asyncio.spawn(val)
  await(none)
  assert(select("#", none:result()) == 1 and none:result() == nil)

  -- A task made done behind its back (Future's set_result applied to it)
  -- is not resumed again, keeps the result it was given and leaves
  -- all_tasks, whether it has a name or not.
  local resumed = {}
  local function sleeper(label)
    await(asyncio.sleep(0.1))
    resumed[#resumed + 1] = label
    return "ran on"
  end
  local set_result = getmetatable(asyncio.Future()).set_result
  local named = asyncio.create_task(async(sleeper)("named"), { name = "named" })
  local unnamed = asyncio.spawn(sleeper, "unnamed")
  await(asyncio.sleep(0))
  set_result(named, "forced")
  set_result(unnamed, "forced")
  await(asyncio.sleep(0.2))
  assert(#resumed == 0, table.concat(resumed, ", "))
  assert(named:result() == "forced" and unnamed:result() == "forced")
  for _, t in ipairs(asyncio.all_tasks()) do assert(t ~= named and t ~= unnamed) end
end)

asyncio.run(main())
