-- A TaskGroup inside an async generator, when the loop over it ends by an
-- error: the consumer cancelled while the generator awaits in the group, or
-- a child failing meanwhile. The group cancels its children and waits for
-- them, there in the generator, as CPython's async with does.
-- (A break out of the loop: taskgroup_closed_early.lua.)
-- Reference: reference/taskgroup_in_async_generator.py

local p = require("lib.show").p

local child = async(function(name, fail_after)
  local ok, e = pcall(await, asyncio.sleep(fail_after or 10))
  if not ok then
    p(name, "cancelled")
    await(asyncio.sleep(0.01))
    p(name, "cleaned up")
    error(e, 0)
  end
  p(name, "fails")
  error(asyncio.ValueError(name .. " boom"))
end)

local gen = asyncio.async_generator(function(failing)
  do
    local tg <close> = asyncio.TaskGroup()
    tg:create_task(child("worker"))
    if failing then tg:create_task(child("failing", 1.5)) end
    for i = 1, 5 do
      await(asyncio.sleep(1))
      coroutine.yield(i)
    end
  end
  p("gen: after the group")
end)

local consume = async(function(failing)
  local ok, e = pcall(function()
    for i in gen(failing) do p("got", i) end
  end)
  if not ok then
    p("consumer:", e)
    error(e, 0)
  end
end)

local main = async(function()
  -- 1. the consumer is cancelled while the generator awaits in its group:
  --    the group cancels its children and waits for them
  local consumer = asyncio.create_task(consume(false))
  await(asyncio.sleep(2.5))
  consumer:cancel()
  local ok, e = pcall(await, consumer)
  if not ok and asyncio.CancelledError:is(e) then p("1. consumer cancelled:", consumer:cancelled()) end

  -- 2. a child fails while the generator awaits: the group cancels the
  --    generator's await and the other child, and raises its ExceptionGroup
  --    through the loop
  ok, e = pcall(await, consume(true))
  if asyncio.ExceptionGroup:is(e) then p("2. caught", e, e.exceptions[1]) end
  p("tasks left:", #asyncio.all_tasks())
end)

asyncio.run(main())
