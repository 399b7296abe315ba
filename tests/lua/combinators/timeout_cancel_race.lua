local p = require("lib.show").p
local el = require("lib.show").el

local child = async(function()
  local loop = asyncio.get_running_loop()
  local cm
  local ok, e = pcall(function()
    local scope <close> = asyncio.timeout(nil)
    cm = scope
    cm:reschedule(loop:time() - 1)
    asyncio.current_task():cancel()
    p("child cancelling", asyncio.current_task():cancelling())
    await(asyncio.sleep(1))
    p("not reached")
  end)
  if not ok then
    if asyncio.TimeoutError:is(e) then
      p("timeout (wrong)")
    elseif asyncio.CancelledError:is(e) then
      p("child cancelled", "expired", cm:expired(), "cancelling", asyncio.current_task():cancelling())
      error(e)
    else
      error(e)
    end
  end
end)

local child2 = async(function()
  local loop = asyncio.get_running_loop()
  local cm
  local ok, e = pcall(function()
    local scope <close> = asyncio.timeout(nil)
    cm = scope
    cm:reschedule(loop:time() - 1)
    p("child2 cancelling", asyncio.current_task():cancelling())
    await(asyncio.sleep(1))
    p("not reached")
  end)
  if not ok then
    if not asyncio.TimeoutError:is(e) then error(e) end
    p("child2 timeout", "expired", cm:expired(), "cancelling", asyncio.current_task():cancelling())
  end
  return "child2 result"
end)

local main = async(function()
  -- the deadline passes while a cancel is also pending: the cancel wins
  local t = asyncio.create_task(child())
  local ok, e = pcall(function()
    await(t)
  end)
  if not ok then
    if not asyncio.CancelledError:is(e) then error(e) end
    p("task cancelled", t:cancelled())
  end

  -- a deadline in the past fires at the first await
  t = asyncio.create_task(child2())
  p(await(t), "cancelling", t:cancelling())

  -- a timeout that caught its own cancel leaves the task usable
  local child3 = async(function()
    local ok2, e2 = pcall(function()
      local _ <close> = asyncio.timeout(0.1)
      await(asyncio.sleep(1))
    end)
    if not ok2 then
      if not asyncio.TimeoutError:is(e2) then error(e2) end
      p("child3 timeout")
    end
    await(asyncio.sleep(0.1))
    p("child3 slept after timeout")
    do
      local _ <close> = asyncio.timeout(0.2)
      await(asyncio.sleep(0.1))
    end
    p("child3 second block ok")
    return "child3 result"
  end)

  t = asyncio.create_task(child3())
  p(await(t))
end)

asyncio.run(main())
