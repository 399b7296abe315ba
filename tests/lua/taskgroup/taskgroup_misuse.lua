-- TaskGroup misuse, with CPython's texts: create_task after the block ended
-- ("is finished"), while the group shuts down after a failure; a child may
-- still add tasks while the block waits at its end. (A luasync TaskGroup is
-- entered when it is created, in the current task, so CPython's "has not been
-- entered" has no translation.)
-- Reference: reference/taskgroup_misuse.py

local p = require("lib.show").p

local expect = require("lib.show").expect

local work = async(function(name, delay)
  await(asyncio.sleep(delay or 0.01))
  p(name, "finished")
  return name
end)

local main = async(function()
  -- 1. create_task after the block ended
  local tg
  do
    local g <close> = asyncio.TaskGroup()
    tg = g
    g:create_task(work("1 child"))
  end
  p("1", expect(asyncio.RuntimeError, pcall(tg.create_task, tg, work("1 never runs"))))
  p("1", expect(asyncio.RuntimeError, pcall(tg.spawn, tg, function() p("1 never runs either") end)))

  -- 2. while the block waits for its children at the end, a child may still
  --    add tasks to the group
  local spawner = async(function(g)
    await(asyncio.sleep(0.01))
    p("2 spawner adds a task")
    g:create_task(work("2 late child"))
  end)

  do
    local g <close> = asyncio.TaskGroup()
    g:create_task(spawner(g))
    p("2 body ends")
  end
  p("2 block done")

  -- 3. create_task while the group is shutting down after a failure
  local failing = async(function()
    await(asyncio.sleep(0))
    error(asyncio.ValueError("boom"))
  end)

  local ok, e = pcall(function()
    local g <close> = asyncio.TaskGroup()
    g:create_task(failing())
    g:create_task(work("3 sibling", 1))
    local ok2, e2 = pcall(await, asyncio.sleep(1))
    if not ok2 then
      if asyncio.CancelledError:is(e2) then
        p("3", expect(asyncio.RuntimeError, pcall(g.create_task, g, work("3 never runs"))))
      end
      error(e2, 0)
    end
  end)
  p("3 caught", expect(asyncio.ExceptionGroup, ok, e))

  -- 4. a group whose body does nothing
  do
    local _ <close> = asyncio.TaskGroup()
  end
  p("4 empty group ok")
  await(asyncio.sleep(0.05))
end)

asyncio.run(main())
