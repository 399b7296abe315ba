-- c:close() of a coroutine object given to create_task, before the task's
-- first step, closes it as CPython's close does: the task never runs it,
-- and fails with "cannot reuse already awaited coroutine" -- also when it
-- was cancelled meanwhile (CPython throws the cancellation into a closed
-- coroutine, which raises that RuntimeError), and so does a task whose
-- coroutine object or op ran in an await before its first step. Before,
-- the close did nothing and the task ran the coroutine, and a cancelled one
-- ended cancelled.
-- Reference: reference/coroutine_closed_before_start.py
local f = async(function(x)
  print("f runs", x)
  return x
end)

local function show(label, t)
  if t:cancelled() then
    print(label, "cancelled")
  elseif t:exception() ~= nil then
    print(label, "raised", t:exception())
  else
    print(label, "ok", t:result())
  end
end

local main = async(function()
  local c = f(1)
  local t1 = asyncio.create_task(c)
  c:close()
  local ok, e = pcall(await, t1)
  print("await t1", ok, e)

  local t2 = asyncio.create_task(f(2))
  t2:get_coro():close()
  local t3 = asyncio.spawn(f, 3)
  t3:get_coro():close()

  local c4 = f(4)
  local t4 = asyncio.create_task(c4)
  c4:close()
  c4:close()
  t4:cancel()

  local c5 = f(5)
  local t5 = asyncio.create_task(c5)
  print("await c5", await(c5))
  t5:cancel()

  local s6 = asyncio.sleep(0, "six")
  local t6 = asyncio.create_task(s6)
  s6:close()
  t6:cancel()

  local s7 = asyncio.sleep(0, "seven")
  local t7 = asyncio.create_task(s7)
  s7:close()

  -- A close after the task ran its coroutine changes nothing.
  local c8 = f(8)
  local t8 = asyncio.create_task(c8)
  await(asyncio.sleep(0))
  c8:close()

  await(asyncio.sleep(0))
  show("t2", t2)
  show("t3", t3)
  show("t4", t4)
  show("t5", t5)
  show("t6", t6)
  show("t7", t7)
  show("t8", t8)
end)
asyncio.run(main())
