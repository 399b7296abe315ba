-- TaskGroup and cancellation from outside: the children are cancelled and a
-- plain CancelledError (with the message) leaves the block, whether the body
-- was running or waiting at the end; cancelling() bookkeeping after the
-- block; a child failure racing an outside cancel.
-- Reference: reference/taskgroup_cancel.py

local p = require("lib.show").p

local slow = async(function(name, delay)
  local ok, e = pcall(await, asyncio.sleep(delay or 1))
  if not ok then
    if asyncio.CancelledError:is(e) then p(name, "cancelled:", e) end
    error(e, 0)
  end
  p(name, "finished")
  return name
end)

local expect = require("lib.show").expect

local main = async(function()
  -- 1. the owner is cancelled from outside while the body runs: the child is
  --    cancelled, a plain CancelledError with the message leaves the block
  local child

  local owner = async(function(label, body_waits)
    local me = asyncio.current_task()
    local ok, e = pcall(function()
      local tg <close> = asyncio.TaskGroup()
      child = tg:create_task(slow(label .. " child"))
      if body_waits then
        await(asyncio.sleep(1))
        p(label, "not reached")
      end
      p(label, "body ends")
    end)
    if not ok then
      if asyncio.CancelledError:is(e) then
        p(label, "block raised", e, "| is ExceptionGroup", asyncio.ExceptionGroup:is(e),
          "cancelling", me:cancelling())
      end
      error(e, 0)
    end
    p(label, "not reached either")
  end)

  local t = asyncio.create_task(owner("1", true))
  await(asyncio.sleep(0))
  t:cancel("stop")
  p("1 await raised", expect(asyncio.CancelledError, pcall(await, t)))
  p("1 owner cancelled", t:cancelled(), "child cancelled", child:cancelled())

  -- 2. the same while the block waits for its children at the end
  t = asyncio.create_task(owner("2", false))
  await(asyncio.sleep(0))
  t:cancel("stop")
  p("2 await raised", expect(asyncio.CancelledError, pcall(await, t)))
  p("2 owner cancelled", t:cancelled(), "child cancelled", child:cancelled())

  -- 3. the owner swallows the cancellation after the block and goes on; it
  --    uncancels, so cancelling() is back to 0
  local survivor = async(function()
    local me = asyncio.current_task()
    local ok, e = pcall(function()
      local tg <close> = asyncio.TaskGroup()
      tg:create_task(slow("3 child"))
      await(asyncio.sleep(1))
    end)
    if not ok then
      expect(asyncio.CancelledError, ok, e)
      p("3 caught, cancelling", me:cancelling())
      p("3 uncancel ->", me:uncancel())
    end
    await(asyncio.sleep(0.01))
    p("3 survivor goes on, cancelling", me:cancelling())
    return "survived"
  end)

  t = asyncio.create_task(survivor())
  await(asyncio.sleep(0))
  t:cancel()
  p("3 result", await(t))

  -- 4. a child's failure cancels the owner internally: after the block the
  --    owner's cancelling() is 0 and it can await again
  local failing = async(function()
    await(asyncio.sleep(0))
    error(asyncio.ValueError("child failed"))
  end)

  local owner4 = async(function()
    local me = asyncio.current_task()
    local ok, e = pcall(function()
      local tg <close> = asyncio.TaskGroup()
      tg:create_task(failing())
      local ok2, e2 = pcall(await, asyncio.sleep(1))
      if not ok2 then
        if asyncio.CancelledError:is(e2) then p("4 body cancelled, cancelling", me:cancelling()) end
        error(e2, 0)
      end
    end)
    if not ok then
      expect(asyncio.ExceptionGroup, ok, e)
      p("4 caught", e, "cancelling", me:cancelling())
    end
    await(asyncio.sleep(0.01))
    p("4 owner awaits again")
    return "ok"
  end)

  p("4 result", await(asyncio.create_task(owner4())))

  -- 5. the owner is cancelled from outside just before a child fails: the
  --    ExceptionGroup wins over the CancelledError, and the owner stays
  --    cancelled (its next await raises)
  local failing_after_cancel = async(function(owner_task)
    await(asyncio.sleep(0))
    owner_task:cancel()
    error(asyncio.ValueError("child failed too"))
  end)

  local owner5 = async(function()
    local me = asyncio.current_task()
    local ok, e = pcall(function()
      local tg <close> = asyncio.TaskGroup()
      tg:create_task(failing_after_cancel(me))
      await(asyncio.sleep(1))
    end)
    if not ok then
      expect(asyncio.ExceptionGroup, ok, e)
      p("5 caught", e, "cancelling", me:cancelling())
    end
    local ok2, e2 = pcall(await, asyncio.sleep(0.01))
    if not ok2 then
      if asyncio.CancelledError:is(e2) then p("5 the next await is cancelled") end
      error(e2, 0)
    end
  end)

  t = asyncio.create_task(owner5())
  expect(asyncio.CancelledError, pcall(await, t))
  p("5 owner cancelled", t:cancelled())
end)

asyncio.run(main())
