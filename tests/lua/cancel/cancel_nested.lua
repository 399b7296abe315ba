-- Cancellation across chains of tasks and inline awaits: which task sees
-- what, cleanup order, cancelling() counts, a swallowed inner cancellation,
-- several awaiters of one cancelled task.
-- Reference: reference/cancel_nested.py

local function is_cancel(ok, e)
  if ok or not asyncio.CancelledError:is(e) then error(e, 0) end
  return e
end

local level = async(function(name, child)
  print(("%s enters"):format(name))
  local ok, r = pcall(function()
    if child == nil then
      await(asyncio.sleep(1))
      return ("%s slept"):format(name)
    end
    return await(child)
  end)
  if not ok and asyncio.CancelledError:is(r) then
    print(("%s sees %s"):format(name, tostring(r)))
  end
  print(("%s leaves"):format(name))
  if not ok then error(r, 0) end
  return r
end)

local main = async(function()
  -- 1. cancelling the outermost of three chained tasks: the innermost is
  --    cancelled first and the cleanups run from the inside out
  local c = asyncio.create_task(level("c", nil))
  local b = asyncio.create_task(level("b", c))
  local a = asyncio.create_task(level("a", b))
  await(asyncio.sleep(0))
  a:cancel("from main")
  local e = is_cancel(pcall(await, a))
  print(("main: a %s"):format(tostring(e)))
  print(("cancelled a=%s b=%s c=%s"):format(tostring(a:cancelled()), tostring(b:cancelled()), tostring(c:cancelled())))
  print(("cancelling a=%d b=%d c=%d"):format(a:cancelling(), b:cancelling(), c:cancelling()))

  -- 2. cancelling the middle one: the outer one sees CancelledError from
  --    its await but was not cancelled itself
  c = asyncio.create_task(level("c2", nil))
  b = asyncio.create_task(level("b2", c))
  a = asyncio.create_task(level("a2", b))
  await(asyncio.sleep(0))
  b:cancel()
  e = is_cancel(pcall(await, a))
  print(("main: a2 %s"):format(tostring(e)))
  print(("cancelled a2=%s b2=%s c2=%s"):format(tostring(a:cancelled()), tostring(b:cancelled()), tostring(c:cancelled())))
  print(("cancelling a2=%d b2=%d c2=%d"):format(a:cancelling(), b:cancelling(), c:cancelling()))

  -- 3. the inner task swallows the cancellation and returns a value: the
  --    outer task receives the value and is not cancelled
  local swallower = async(function()
    local ok, e = pcall(await, asyncio.sleep(1))
    if not ok then
      is_cancel(ok, e)
      print("swallower swallows")
    end
    return "swallowed"
  end)

  local inner = asyncio.create_task(swallower())

  local outer = async(function()
    local r = await(inner)
    print(("outer got %s, cancelling=%d"):format(r, asyncio.current_task():cancelling()))
    await(asyncio.sleep(0.01))
    return "outer finished"
  end)

  local o = asyncio.create_task(outer())
  await(asyncio.sleep(0))
  o:cancel()
  print(await(o))
  print(("outer cancelled=%s inner cancelled=%s"):format(tostring(o:cancelled()), tostring(inner:cancelled())))

  -- 4. cancellation reaches through inline awaits of coroutines
  local deepest = async(function()
    local ok, e = pcall(await, asyncio.sleep(1))
    print("deepest cleanup")
    if not ok then error(e, 0) end
  end)

  local middle = async(function()
    local ok, e = pcall(await, deepest())
    print("middle cleanup")
    if not ok then error(e, 0) end
  end)

  local t = asyncio.create_task(middle())
  await(asyncio.sleep(0))
  t:cancel()
  is_cancel(pcall(await, t))
  print(("inline chain cancelled=%s"):format(tostring(t:cancelled())))

  -- 5. several tasks awaiting one task: cancelling the awaited task wakes
  --    them all in the order they started waiting
  local shared = asyncio.create_task(level("shared", nil))

  local waiter = async(function(name)
    local ok, e = pcall(await, shared)
    if not ok then
      is_cancel(ok, e)
      -- only the class: CPython gives the message to the first
      -- retrieval only
      print(("%s woke with CancelledError"):format(name))
    end
  end)

  local ws = {}
  for _, n in ipairs({"w1", "w2", "w3"}) do ws[#ws + 1] = asyncio.create_task(waiter(n)) end
  await(asyncio.sleep(0))
  shared:cancel("shared gone")
  for _, w in ipairs(ws) do
    await(w)
  end
  print("main end")
end)

asyncio.run(main())
