local p = require("lib.show").p
local el = require("lib.show").el

local function defer(fn)
  return setmetatable({}, {__close = fn})
end

local slow = async(function(name, delay)
  local _ <close> = defer(function() p("cleanup", name) end)
  p("start", name)
  await(asyncio.sleep(delay))
  p("end", name)
  return name
end)

local main = async(function()
  local loop = asyncio.get_running_loop()

  -- the result arrives before the deadline
  local t0 = loop:time()
  local r = await(asyncio.wait_for(slow("a", 0.1), 0.3))
  p("result", r, el(t0))

  -- the deadline passes: the inner coroutine is cancelled, then TimeoutError
  t0 = loop:time()
  local ok, e = pcall(function()
    await(asyncio.wait_for(slow("b", 0.5), 0.1))
  end)
  if not ok then
    if not asyncio.TimeoutError:is(e) then error(e) end
    p("timeout", e, "cause", e.cause, el(t0))
  end
  p("cancelling", asyncio.current_task():cancelling())

  -- no deadline
  t0 = loop:time()
  r = await(asyncio.wait_for(slow("c", 0.2), nil))
  p("result", r, el(t0))

  -- a task: it is cancelled when the deadline passes
  local t = asyncio.create_task(slow("d", 0.5))
  ok, e = pcall(function()
    await(asyncio.wait_for(t, 0.1))
  end)
  if not ok then
    if not asyncio.TimeoutError:is(e) then error(e) end
    p("timeout", e)
  end
  p("task cancelled", t:cancelled())

  -- a task that is already done gives its result even with a zero timeout
  t = asyncio.create_task(slow("e", 0.1))
  await(asyncio.sleep(0.2))
  r = await(asyncio.wait_for(t, 0))
  p("result", r)

  -- a zero timeout on a coroutine: it never starts
  ok, e = pcall(function()
    await(asyncio.wait_for(slow("g", 0.1), 0))
  end)
  if not ok then
    if not asyncio.TimeoutError:is(e) then error(e) end
    p("zero timeout", e)
  end

  -- an error from inside passes through unchanged
  local boom = async(function()
    await(asyncio.sleep(0.1))
    error(asyncio.ValueError("boom"))
  end)

  ok, e = pcall(function()
    await(asyncio.wait_for(boom(), 0.3))
  end)
  if not ok then
    if not asyncio.ValueError:is(e) then error(e) end
    p("error", e)
  end

  -- wait_for itself can be cancelled from outside: inner is cancelled too
  local waiter = async(function()
    local ok2, e2 = pcall(function()
      await(asyncio.wait_for(slow("f", 0.5), 0.3))
    end)
    if not ok2 then
      if asyncio.TimeoutError:is(e2) then
        p("waiter timeout (wrong)")
      elseif asyncio.CancelledError:is(e2) then
        p("waiter cancelled")
        error(e2)
      else
        error(e2)
      end
    end
  end)

  local w = asyncio.create_task(waiter())
  await(asyncio.sleep(0.1))
  w:cancel()
  ok, e = pcall(function()
    await(w)
  end)
  if not ok then
    if not asyncio.CancelledError:is(e) then error(e) end
    p("w cancelled", w:cancelled())
  end
end)

asyncio.run(main())
