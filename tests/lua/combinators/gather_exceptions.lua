local p = require("lib.show").p
local el = require("lib.show").el

local work = async(function(name, delay, value)
  p("start", name)
  await(asyncio.sleep(delay))
  p("end", name)
  return value
end)

local fail = async(function(name, delay)
  p("start", name)
  await(asyncio.sleep(delay))
  p("raise", name)
  error(asyncio.ValueError(name))
end)

local guarded = async(function(name, delay)
  local ok, e = pcall(function()
    await(asyncio.sleep(delay))
  end)
  if not ok then
    if asyncio.CancelledError:is(e) then
      p("cancelled", name, e)
    end
    error(e)
  end
  return name
end)

local main = async(function()
  local loop = asyncio.get_running_loop()

  -- the first error reaches the awaiter; the other children keep running
  local t0 = loop:time()
  local g = asyncio.gather(work("a", 0.3, 1), fail("b", 0.1), fail("c", 0.2))
  local ok, e = pcall(function()
    await(g)
  end)
  if not ok then
    if not asyncio.ValueError:is(e) then error(e) end
    p("caught", e, el(t0))
  end
  p("gather done", g:done(), "cancelled", g:cancelled(), "exception", g:exception())
  await(asyncio.sleep(0.3))
  p("after sleep", el(t0))

  -- return_exceptions: errors are returned in place
  local rs = await(asyncio.gather(work("d", 0.1, 4), fail("e", 0.2), work("f", 0.3, 6), {return_exceptions = true}))
  p("results", rs[1], rs[2], rs[3])
  p("is ValueError", asyncio.ValueError:is(rs[2]), rs.n)

  -- cancelling the gather future cancels its children
  g = asyncio.gather(guarded("g", 0.2), guarded("h", 0.2))
  await(asyncio.sleep(0.1))
  p("cancel returns", g:cancel("stop"))
  ok, e = pcall(function()
    await(g)
  end)
  if not ok then
    if not asyncio.CancelledError:is(e) then error(e) end
    p("gather raised", e)
  end
  p("gather done", g:done())
  p("cancelling", asyncio.current_task():cancelling())

  -- a cancelled child makes gather raise CancelledError; the others go on
  local t = asyncio.create_task(guarded("i", 0.3))
  g = asyncio.gather(t, work("j", 0.2, 7))
  await(asyncio.sleep(0.1))
  t:cancel("bye")
  ok, e = pcall(function()
    await(g)
  end)
  if not ok then
    if not asyncio.CancelledError:is(e) then error(e) end
    p("gather raised", e)
  end
  p("child cancelled", t:cancelled(), "gather done", g:done())
  await(asyncio.sleep(0.2))

  -- with return_exceptions the cancelled child gives a CancelledError value
  t = asyncio.create_task(guarded("k", 0.3))
  g = asyncio.gather(t, work("l", 0.2, 8), {return_exceptions = true})
  await(asyncio.sleep(0.1))
  t:cancel()
  rs = await(g)
  p("results", rs[1], rs[2])
  p("is CancelledError", asyncio.CancelledError:is(rs[1]))

  -- cancelling a finished gather does nothing
  p("cancel finished", g:cancel())
end)

asyncio.run(main())
