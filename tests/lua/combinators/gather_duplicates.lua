-- gather given the same awaitable more than once: it counts once and its
-- result comes back at each of its places (CPython's arg_to_fut).
-- Reference: reference/gather_duplicates.py
local show = require "lib.show"
local p, s = show.p, tostring

local work = async(function(x)
  p("run", x)
  await(asyncio.sleep(0))
  return x
end)

local main = async(function()
  local loop = asyncio.get_running_loop()

  -- an awaitable given more than once counts once, and its result comes
  -- back at each of its places: a pending task...
  local t = asyncio.create_task(work(1))
  local rs = await(asyncio.gather(t, t, work(2), t))
  p("results", rs[1], rs[2], rs[3], rs[4], "n", rs.n)

  -- ...a coroutine object (one task for both places)...
  local c = work(3)
  rs = await(asyncio.gather(c, c))
  p("results", rs[1], rs[2], "n", rs.n)

  -- ...a future already done...
  local f = loop:create_future()
  f:set_result(4)
  rs = await(asyncio.gather(f, f))
  p("results", rs[1], rs[2])

  -- ...pending futures and tasks interleaved
  local f2 = loop:create_future()
  loop:call_later(0.01, function() f2:set_result(5) end)
  local t2 = asyncio.create_task(work(6))
  rs = await(asyncio.gather(f2, t2, f2, t2))
  p("results", rs[1], rs[2], rs[3], rs[4])

  -- a task already done, twice: the gathering is done at once
  local g = asyncio.gather(t, t)
  p("done at once", g:done())
  rs = await(g)
  p("results", rs[1], rs[2])

  -- one failing child given twice fails the gathering once
  local boom = async(function()
    await(asyncio.sleep(0))
    error(asyncio.ValueError("boom"))
  end)
  local b = asyncio.create_task(boom())
  local ok, e = pcall(await, asyncio.gather(b, b))
  if not ok then p("raised", s(e)) end
  rs = await(asyncio.gather(b, b, { return_exceptions = true }))
  p("returned", s(rs[1]), s(rs[2]))
end)

asyncio.run(main())
