local p = require("lib.show").p
local el = require("lib.show").el

local work = async(function(name, delay, value)
  p("start", name)
  await(asyncio.sleep(delay))
  p("end", name)
  return value
end)

local main = async(function()
  local loop = asyncio.get_running_loop()

  -- results come back in argument order, not completion order
  local t0 = loop:time()
  local rs = await(asyncio.gather(work("a", 0.3, 1), work("b", 0.1, 2), work("c", 0.2, 3)))
  p("results", rs[1], rs[2], rs[3])
  p("n", rs.n)
  p("elapsed", el(t0))

  -- gather returns a future at once; the children are already scheduled
  local g = asyncio.gather(work("d", 0.1, 4), work("e", 0.1, 5))
  p("isfuture", asyncio.isfuture(g), "done", g:done())
  rs = await(g)
  p("results", rs[1], rs[2], "done", g:done())

  -- coroutines, tasks and library coroutines mixed; a task given twice
  local t = asyncio.create_task(work("t", 0.1, "T"))
  t0 = loop:time()
  rs = await(asyncio.gather(work("x", 0.2, "X"), t, asyncio.sleep(0.1, "S"), t))
  p("results", rs[1], rs[2], rs[3], rs[4])
  p("n", rs.n)
  p("elapsed", el(t0))

  -- a task that is already finished
  rs = await(asyncio.gather(t, work("y", 0.1, "Y")))
  p("results", rs[1], rs[2])

  -- gather of nothing
  g = asyncio.gather()
  p("empty done", g:done())
  rs = await(g)
  p("empty n", rs.n)
end)

asyncio.run(main())
