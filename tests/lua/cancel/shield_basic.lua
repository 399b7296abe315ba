local p = require("lib.show").p
local el = require("lib.show").el

local inner = async(function(name, delay)
  p("inner start", name)
  await(asyncio.sleep(delay))
  p("inner done", name)
  return "value " .. name
end)

local fail = async(function(delay)
  await(asyncio.sleep(delay))
  error(asyncio.ValueError("inner failed"))
end)

local main = async(function()
  local loop = asyncio.get_running_loop()
  local ok, e

  -- 1. the waiter is cancelled; the shielded task carries on
  local inner_t = asyncio.create_task(inner("a", 0.2))

  local waiter = async(function()
    local ok2, e2 = pcall(function()
      local r = await(asyncio.shield(inner_t))
      p("waiter got", r)
    end)
    if not ok2 then
      if asyncio.CancelledError:is(e2) then p("waiter cancelled") end
      error(e2)
    end
  end)

  local w = asyncio.create_task(waiter())
  await(asyncio.sleep(0.1))
  w:cancel()
  await(asyncio.sleep(0.05))
  p("1 waiter cancelled", w:cancelled(), "inner done", inner_t:done())
  local r = await(inner_t)
  p("1 inner result", r)

  -- 2. shield of a coroutine: it is wrapped in a task that outlives the cancel
  local waiter2 = async(function()
    local ok2, e2 = pcall(function()
      await(asyncio.shield(inner("b", 0.2)))
    end)
    if not ok2 then
      if asyncio.CancelledError:is(e2) then p("waiter2 cancelled") end
      error(e2)
    end
  end)

  w = asyncio.create_task(waiter2())
  await(asyncio.sleep(0.1))
  w:cancel()
  await(asyncio.sleep(0.2))
  p("2 waiter2 cancelled", w:cancelled())

  -- 3. without cancellation, shield just passes the result through
  r = await(asyncio.shield(inner("c", 0.1)))
  p("3 result", r)

  -- 4. the shield of a finished future is that future
  local f = loop:create_future()
  f:set_result(1)
  p("4 same", asyncio.shield(f) == f)

  -- 5. cancelling the inner task cancels the shield's future
  inner_t = asyncio.create_task(inner("d", 0.3))
  local s = asyncio.shield(inner_t)
  await(asyncio.sleep(0.1))
  inner_t:cancel()
  ok, e = pcall(function()
    await(s)
  end)
  if not ok then
    if not asyncio.CancelledError:is(e) then error(e) end
    p("5 shield cancelled", s:cancelled(), inner_t:cancelled())
  end

  -- 6. an error from inside passes through the shield
  ok, e = pcall(function()
    await(asyncio.shield(fail(0.1)))
  end)
  if not ok then
    if not asyncio.ValueError:is(e) then error(e) end
    p("6 error", e)
  end

  -- 7. cancelling the shield's future directly leaves the inner task alone
  inner_t = asyncio.create_task(inner("e", 0.2))
  s = asyncio.shield(inner_t)
  await(asyncio.sleep(0.1))
  p("7 cancel", s:cancel(), s:cancelled(), inner_t:cancelled())
  r = await(inner_t)
  p("7 inner result", r)
end)

asyncio.run(main())
