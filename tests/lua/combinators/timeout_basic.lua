local p = require("lib.show").p
local el = require("lib.show").el

local main = async(function()
  local loop = asyncio.get_running_loop()
  local ok, e, cm, inner, outer

  -- 1. the block ends before the deadline
  local t0 = loop:time()
  do
    local scope <close> = asyncio.timeout(0.3)
    cm = scope
    p("1 when", string.format("%.1f", cm:when() - t0), "expired", cm:expired())
    await(asyncio.sleep(0.1))
  end
  p("1 expired", cm:expired(), el(t0))

  -- 2. the deadline passes: TimeoutError from a CancelledError
  t0 = loop:time()
  ok, e = pcall(function()
    local scope <close> = asyncio.timeout(0.1)
    cm = scope
    await(asyncio.sleep(1))
    p("2 not reached")
  end)
  if not ok then
    if not asyncio.TimeoutError:is(e) then error(e) end
    p("2 timeout", e, "cause", e.cause, el(t0))
  end
  p("2 expired", cm:expired(), "cancelling", asyncio.current_task():cancelling())

  -- 3. no deadline, then one is set with reschedule
  t0 = loop:time()
  ok, e = pcall(function()
    local scope <close> = asyncio.timeout(nil)
    cm = scope
    p("3 when", cm:when())
    cm:reschedule(loop:time() + 0.2)
    await(asyncio.sleep(1))
  end)
  if not ok then
    if not asyncio.TimeoutError:is(e) then error(e) end
    p("3 timeout", el(t0), "expired", cm:expired())
  end

  -- 4. reschedule moves the deadline later
  t0 = loop:time()
  do
    local scope <close> = asyncio.timeout(0.1)
    cm = scope
    cm:reschedule(loop:time() + 0.4)
    await(asyncio.sleep(0.2))
  end
  p("4 ok", el(t0), "expired", cm:expired())

  -- 5. reschedule(nil) removes the deadline
  t0 = loop:time()
  do
    local scope <close> = asyncio.timeout(0.1)
    cm = scope
    cm:reschedule(nil)
    await(asyncio.sleep(0.2))
  end
  p("5 ok", el(t0), "when", cm:when())

  -- 6. timeout_at takes an absolute time on the loop clock
  t0 = loop:time()
  ok, e = pcall(function()
    local scope <close> = asyncio.timeout_at(loop:time() + 0.2)
    cm = scope
    await(asyncio.sleep(1))
  end)
  if not ok then
    if not asyncio.TimeoutError:is(e) then error(e) end
    p("6 timeout_at", el(t0), string.format("%.1f", cm:when() - t0))
  end

  -- 7. nested: the inner deadline fires, the outer block goes on
  t0 = loop:time()
  ok, e = pcall(function()
    local s1 <close> = asyncio.timeout(0.5)
    outer = s1
    local ok2, e2 = pcall(function()
      local s2 <close> = asyncio.timeout(0.1)
      inner = s2
      await(asyncio.sleep(1))
    end)
    if not ok2 then
      if not asyncio.TimeoutError:is(e2) then error(e2) end
      p("7 inner fired", el(t0), inner:expired(), outer:expired())
    end
    await(asyncio.sleep(0.1))
    p("7 after inner", el(t0))
  end)
  if not ok then
    if not asyncio.TimeoutError:is(e) then error(e) end
    p("7 outer fired (wrong)")
  end
  p("7 outer expired", outer:expired())

  -- 8. nested: the outer deadline fires first; the inner block does not catch it
  t0 = loop:time()
  ok, e = pcall(function()
    local s1 <close> = asyncio.timeout(0.1)
    outer = s1
    local ok2, e2 = pcall(function()
      local s2 <close> = asyncio.timeout(0.5)
      inner = s2
      await(asyncio.sleep(1))
    end)
    if not ok2 then
      if not asyncio.TimeoutError:is(e2) then error(e2) end
      p("8 inner caught (wrong)")
    end
    p("8 not reached")
  end)
  if not ok then
    if not asyncio.TimeoutError:is(e) then error(e) end
    p("8 outer fired", el(t0), inner:expired(), outer:expired())
  end
  p("8 cancelling", asyncio.current_task():cancelling())

  -- 9. a cancel from outside is not turned into TimeoutError
  local child = async(function()
    local ok2, e2 = pcall(function()
      local _ <close> = asyncio.timeout(0.5)
      await(asyncio.sleep(1))
    end)
    if not ok2 then
      if asyncio.TimeoutError:is(e2) then
        p("9 timeout (wrong)")
      elseif asyncio.CancelledError:is(e2) then
        p("9 child cancelled", e2)
        error(e2)
      else
        error(e2)
      end
    end
  end)

  local t = asyncio.create_task(child())
  await(asyncio.sleep(0.1))
  t:cancel("outside")
  ok, e = pcall(function()
    await(t)
  end)
  if not ok then
    if not asyncio.CancelledError:is(e) then error(e) end
    p("9 task cancelled", t:cancelled())
  end

  -- 10. a zero timeout fires at the first await, even a zero sleep
  ok, e = pcall(function()
    local _ <close> = asyncio.timeout(0)
    await(asyncio.sleep(0))
    p("10 not reached")
  end)
  if not ok then
    if not asyncio.TimeoutError:is(e) then error(e) end
    p("10 zero timeout")
  end

  -- 11. a zero timeout with no await inside does not fire
  do
    local scope <close> = asyncio.timeout(0)
    cm = scope
    p("11 inside")
  end
  p("11 expired", cm:expired())

  -- 12. an expired timeout cannot be rescheduled
  ok, e = pcall(function()
    local scope <close> = asyncio.timeout(0.1)
    cm = scope
    await(asyncio.sleep(1))
  end)
  if not ok then
    if not asyncio.TimeoutError:is(e) then error(e) end
  end
  ok, e = pcall(function()
    cm:reschedule(nil)
  end)
  if not ok then
    if not asyncio.RuntimeError:is(e) then error(e) end
    p("12", e)
  end

  -- 13. an error inside the block passes through
  ok, e = pcall(function()
    local scope <close> = asyncio.timeout(0.5)
    cm = scope
    await(asyncio.sleep(0.1))
    error(asyncio.ValueError("inner error"))
  end)
  if not ok then
    if not asyncio.ValueError:is(e) then error(e) end
    p("13", e, "expired", cm:expired())
  end
  p("13 cancelling", asyncio.current_task():cancelling())
end)

asyncio.run(main())
