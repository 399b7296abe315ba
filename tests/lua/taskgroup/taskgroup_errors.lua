-- TaskGroup errors: leaving the block waits for the children; child failures
-- cancel the siblings and the body and are collected into one ExceptionGroup
-- (message, .exceptions); a failing body joins the group; a child cancelled on
-- its own is no error; the owner's cancelling() is back to 0 afterwards.
-- (CPython cancels a group's children in set order: each abort here cancels
-- at most one child that prints.)
-- Reference: reference/taskgroup_errors.py

local p = require("lib.show").p

local fail = async(function(name, msg)
  await(asyncio.sleep(0))
  p(name, "fails")
  error(asyncio.ValueError(msg))
end)

local slow = async(function(name, delay)
  local ok, e = pcall(await, asyncio.sleep(delay or 1))
  if not ok then
    if asyncio.CancelledError:is(e) then p(name, "cancelled") end
    error(e, 0)
  end
  p(name, "finished")
  return name
end)

local function show(eg)
  p("caught", eg)
  p("  is ExceptionGroup", asyncio.ExceptionGroup:is(eg), "message", eg.message, "count", #eg.exceptions)
  for _, e in ipairs(eg.exceptions) do p("  -", e) end
end

-- pcall's results: show an ExceptionGroup, re-raise anything else
local function catch_group(ok, e)
  if ok then return end
  if not asyncio.ExceptionGroup:is(e) then error(e, 0) end
  show(e)
end

local main = async(function()
  local me = asyncio.current_task()

  -- 1. children that succeed: leaving the block waits for all of them
  local t1, t2
  do
    local tg <close> = asyncio.TaskGroup()
    t1 = tg:create_task(slow("1a", 0.01), { name = "first" })
    t2 = tg:spawn(function(name, delay) return await(slow(name, delay)) end, "1b", 0.02)
    p("1 body ends, t1 is named", t1:get_name())
  end
  p("1 after the block:", t1:result(), t2:result())

  -- 2. two children fail in the same step: both errors are collected, the
  --    sibling and the body are cancelled
  local a, b, c
  catch_group(pcall(function()
    local tg <close> = asyncio.TaskGroup()
    a = tg:create_task(fail("2a", "boom a"))
    b = tg:create_task(fail("2b", "boom b"))
    c = tg:create_task(slow("2c"))
    p("2 body waits")
    local ok, e = pcall(await, asyncio.sleep(1))
    if not ok then
      if asyncio.CancelledError:is(e) then p("2 body cancelled") end
      error(e, 0)
    end
    p("2 not reached")
  end))
  p("2 states", a:done(), b:done(), c:cancelled(), "cancelling", me:cancelling())
  p("2 a.exception()", a:exception())

  -- 3. a child fails while the body is already waiting at the end of the
  --    block
  catch_group(pcall(function()
    local tg <close> = asyncio.TaskGroup()
    tg:create_task(slow("3a", 0.01))
    tg:create_task(fail("3c", "late"))
    p("3 body ends")
  end))
  p("3 cancelling", me:cancelling())

  -- 4. the body raises: children are cancelled and the body's error joins
  --    the group
  local t, u
  catch_group(pcall(function()
    local tg <close> = asyncio.TaskGroup()
    t = tg:create_task(slow("4a"))
    await(asyncio.sleep(0))
    error(asyncio.ValueError("body failed"))
  end))
  p("4 child cancelled", t:cancelled())

  -- 5. a child that is cancelled on its own is not an error
  do
    local tg <close> = asyncio.TaskGroup()
    t = tg:create_task(slow("5a"))
    u = tg:create_task(slow("5b", 0.01))
    await(asyncio.sleep(0))
    t:cancel()
  end
  p("5 ok", t:cancelled(), u:result())

  -- 6. the body catches the group's cancellation and goes on: the error
  --    group is still raised at the end of the block
  catch_group(pcall(function()
    local tg <close> = asyncio.TaskGroup()
    tg:create_task(fail("6a", "boom"))
    local ok, e = pcall(await, asyncio.sleep(1))
    if not ok then
      if not asyncio.CancelledError:is(e) then error(e, 0) end
      p("6 body swallows the cancellation")
    end
    p("6 body goes on, cancelling", me:cancelling())
  end))
  p("6 cancelling", me:cancelling())

  -- 7. the code after the group runs normally
  await(asyncio.sleep(0.01))
  p("7 main still runs")
end)

asyncio.run(main())
