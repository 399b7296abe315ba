-- Nested TaskGroups: an inner group's ExceptionGroup becomes one error of the
-- outer group, an inner group's error handled in the outer body, an outer
-- failure cancelling a running inner group (plain CancelledError out of the
-- inner block), a child task running its own group.
-- (CPython cancels a group's children in set order: each abort here cancels
-- at most one child that prints.)
-- Reference: reference/taskgroup_nesting.py

local p = require("lib.show").p

local fail = async(function(name, msg, delay)
  await(asyncio.sleep(delay or 0))
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

local function show(eg, indent)
  indent = indent or ""
  p(indent .. "caught", eg)
  for _, e in ipairs(eg.exceptions) do
    if asyncio.ExceptionGroup:is(e) then
      show(e, indent .. "  ")
    else
      p(indent .. "  -", e)
    end
  end
end

-- pcall's results: show an ExceptionGroup, re-raise anything else
local function catch_group(ok, e, indent)
  if ok then return end
  if not asyncio.ExceptionGroup:is(e) then error(e, 0) end
  show(e, indent)
end

local main = async(function()
  local me = asyncio.current_task()

  -- 1. an inner group's failure cancels the outer group's other children;
  --    the outer group collects the inner ExceptionGroup
  catch_group(pcall(function()
    local outer <close> = asyncio.TaskGroup()
    outer:create_task(slow("1 outer child"))
    do
      local inner <close> = asyncio.TaskGroup()
      inner:create_task(slow("1 inner child"))
      inner:create_task(fail("1 inner failing child", "inner boom"))
    end
    p("1 not reached")
  end))
  p("1 cancelling", me:cancelling())

  -- 2. the inner group's error is handled inside the outer group: the outer
  --    group is unaffected
  local o
  do
    local outer <close> = asyncio.TaskGroup()
    o = outer:create_task(slow("2 outer child", 0.05))
    local ok, e = pcall(function()
      local inner <close> = asyncio.TaskGroup()
      inner:create_task(fail("2 inner failing child", "handled"))
      inner:create_task(slow("2 inner child"))
    end)
    catch_group(ok, e, "2 ")
    p("2 outer body goes on")
  end
  p("2 outer child result", o:result())

  -- 3. an outer child fails while the inner group is running: the inner
  --    group's children are cancelled, the outer body sees a plain
  --    CancelledError from the inner block
  catch_group(pcall(function()
    local outer <close> = asyncio.TaskGroup()
    outer:create_task(fail("3 outer failing child", "outer boom", 0.01))
    local ok, e = pcall(function()
      local inner <close> = asyncio.TaskGroup()
      inner:create_task(slow("3 inner child"))
    end)
    if not ok then
      if asyncio.CancelledError:is(e) then p("3 inner block raised", e, "cancelling", me:cancelling()) end
      error(e, 0)
    end
  end))
  p("3 cancelling", me:cancelling())

  -- 4. a child task running its own group
  local child_with_group = async(function(name)
    local g <close> = asyncio.TaskGroup()
    g:create_task(slow(name .. " grandchild"))
    g:create_task(fail(name .. " failing grandchild", name .. " boom", 0.01))
  end)

  catch_group(pcall(function()
    local tg <close> = asyncio.TaskGroup()
    tg:create_task(child_with_group("4a"))
    tg:create_task(slow("4 sibling"))
  end))
end)

asyncio.run(main())
